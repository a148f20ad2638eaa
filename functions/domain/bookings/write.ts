/**
 * The booking-side items of a booking transaction, each tagged with the name its
 * failed condition is reported under: the booking itself, the one-live-booking
 * guard and the idempotency record.
 */
import { keys } from "../../../shared/keys.ts";
import { TABLE_NAME } from "../../lib/db.ts";
import { update, withCondition } from "../../lib/expr.ts";
import type { TaggedItem } from "../transact.ts";
import { type BookingItem, scopeOf } from "./item.ts";

/** How long a retry with the same Idempotency-Key returns the first result. */
export const IDEMPOTENCY_TTL_S = 24 * 3600;

/** A new booking, on the condition that its id is new. */
export const bookingPut = (b: BookingItem): TaggedItem<"booking"> => ({
  tag: "booking",
  Put: {
    TableName: TABLE_NAME,
    Item: { ...keys.booking(b.id), type: "booking", ...b, ...keys.bookingIndexes(b) },
    ConditionExpression: "attribute_not_exists(pk)",
  },
});

const BOOKING_INDEX_ATTRS = [
  "gsi1pk",
  "gsi1sk",
  "gsi2pk",
  "gsi2sk",
  "gsi3pk",
  "gsi3sk",
  "gsi4pk",
  "gsi4sk",
  "gsi5pk",
  "gsi5sk",
  "gsi6pk",
  "gsi6sk",
];

/**
 * Move a booking from the state read (`before`) to `next`, on the condition that it
 * is still in the status read (and whatever `extra` adds): its changed fields and
 * its index attributes are rewritten.
 */
export function bookingUpdate<Tag extends string>(
  tag: Tag,
  before: BookingItem,
  next: BookingItem,
  extra: { condition: string; names: Record<string, string>; values: Record<string, unknown> } = {
    condition: "",
    names: {},
    values: {},
  },
): TaggedItem<Tag> {
  const idx = keys.bookingIndexes(next);
  const set: Record<string, unknown> = { ...idx };
  for (const [k, v] of Object.entries(next)) {
    if ((before as Record<string, unknown>)[k] !== v) set[k] = v;
  }
  const parts = update({ set, remove: BOOKING_INDEX_ATTRS.filter((a) => !(a in idx)) });
  return {
    tag,
    Update: {
      TableName: TABLE_NAME,
      Key: keys.booking(before.id),
      ...withCondition(
        parts,
        `#status = :from${extra.condition}`,
        { "#status": "status", ...extra.names },
        { ":from": before.status, ...extra.values },
      ),
    },
  };
}

/** One live booking per resident and listing: the guard is there while the booking is live. */
export const liveGuardPut = (b: BookingItem): TaggedItem<"liveGuard"> => ({
  tag: "liveGuard",
  Put: {
    TableName: TABLE_NAME,
    Item: { ...keys.liveGuard(scopeOf(b), b.residentId), type: "liveGuard", bookingId: b.id },
    ConditionExpression: "attribute_not_exists(pk)",
  },
});

export const liveGuardDelete = (b: BookingItem): TaggedItem<"liveGuard"> => ({
  tag: "liveGuard",
  Delete: { TableName: TABLE_NAME, Key: keys.liveGuard(scopeOf(b), b.residentId) },
});

/** The record that makes a retry with the same Idempotency-Key return this booking. */
export const idempotencyPut = (b: BookingItem, key: string, now: Date): TaggedItem<"idempotency"> => ({
  tag: "idempotency",
  Put: {
    TableName: TABLE_NAME,
    Item: {
      ...keys.idempotency(b.residentId, key),
      type: "idempotency",
      bookingId: b.id,
      listingId: b.listingId,
      ttl: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_S,
    },
    ConditionExpression: "attribute_not_exists(pk)",
  },
});
