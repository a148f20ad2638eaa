/**
 * Seat hoarding (issue 19.4): two more items in the join transaction, beside the
 * one-live-booking-per-resident guard, and their undoing in every transition that
 * ends a booking.
 *
 * - **At most MAX_LIVE_BOOKINGS live bookings per account**: one counter item per
 *   resident (an account, or a worker-registered resident), ADDed on the condition
 *   it is below the cap when a booking is made, and taken back when one stops being
 *   live. Accounts cost one e-mail each, so the cap is per account, not per route.
 * - **One live seat per proven phone per listing or session**: a guard item keyed
 *   by the seat scope and the booking's phone, present while the booking is live,
 *   so one person's number cannot hold a listing's seats under several accounts. Only
 *   a proven phone counts (phoneIsProven): a number anyone may type proves nothing,
 *   and guarding it would only let a stranger block a real owner's seat.
 */
import { keys } from "../../../shared/keys.ts";
import { TABLE_NAME } from "../../lib/db.ts";
import { Conflict } from "../errors.ts";
import type { TaggedItem } from "../transact.ts";
import { type BookingItem, scopeOf } from "./item.ts";

/** Live (requested, waitlisted, accepted) bookings one account may hold at once. */
export const MAX_LIVE_BOOKINGS = 5;

/** One more live booking for the resident, on the condition they hold fewer than the cap. */
export const liveCountAdd = (b: BookingItem): TaggedItem<"liveCount"> => ({
  tag: "liveCount",
  Update: {
    TableName: TABLE_NAME,
    Key: keys.liveCount(b.residentId),
    UpdateExpression: "ADD #live :one SET #type = :type",
    ConditionExpression: "attribute_not_exists(#live) OR #live < :max",
    ExpressionAttributeNames: { "#live": "live", "#type": "type" },
    ExpressionAttributeValues: { ":one": 1, ":max": MAX_LIVE_BOOKINGS, ":type": "liveCount" },
  },
});

/** One live booking fewer (no condition: ending a booking is never refused for it). */
export const liveCountRemove = (b: BookingItem): TaggedItem<"liveCount"> => ({
  tag: "liveCount",
  Update: {
    TableName: TABLE_NAME,
    Key: keys.liveCount(b.residentId),
    UpdateExpression: "ADD #live :minus",
    ExpressionAttributeNames: { "#live": "live" },
    ExpressionAttributeValues: { ":minus": -1 },
  },
});

/**
 * Whether a join's phone is proven to be its resident's (API.md v1.2 "Trust and
 * safety"): a number a community worker registered (the booking is made for a
 * registered resident). The account's verified phone and a family number confirmed
 * with a one-time code are proven too; they arrive with those proofs (trust-a).
 */
export const phoneIsProven = (b: Pick<BookingItem, "bookedBy" | "phone">): boolean =>
  b.phone !== "" && b.bookedBy !== undefined;

const guarded = (b: BookingItem) => b.phone !== "" && b.phoneProven === true;

/** The phone's seat on the booking's listing or session, while it is live (none for an unproven phone). */
export const phoneGuardPut = (b: BookingItem): TaggedItem<"phoneGuard">[] =>
  guarded(b)
    ? [
        {
          tag: "phoneGuard",
          Put: {
            TableName: TABLE_NAME,
            Item: { ...keys.phoneGuard(scopeOf(b), b.phone), type: "phoneGuard", bookingId: b.id },
            ConditionExpression: "attribute_not_exists(pk)",
          },
        },
      ]
    : [];

export const phoneGuardDelete = (b: BookingItem): TaggedItem<"phoneGuard">[] =>
  guarded(b)
    ? [{ tag: "phoneGuard", Delete: { TableName: TABLE_NAME, Key: keys.phoneGuard(scopeOf(b), b.phone) } }]
    : [];

/** What a live booking holds besides its seat and its resident's live guard. */
export const heldWhileLive = (b: BookingItem) => [liveCountAdd(b), ...phoneGuardPut(b)];
/** Their release, when the booking ends. */
export const releasedWhenDone = (b: BookingItem) => [liveCountRemove(b), ...phoneGuardDelete(b)];

export const tooManyLive = () =>
  new Conflict(
    "TOO_MANY_LIVE_BOOKINGS",
    `您同时进行中的预约已有 ${MAX_LIVE_BOOKINGS} 个，请先完成或取消一个再预约`,
    [{ max: MAX_LIVE_BOOKINGS }],
  );
export const phoneTaken = () => new Conflict("PHONE_ALREADY_BOOKED");
