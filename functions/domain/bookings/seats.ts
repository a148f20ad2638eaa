/**
 * The seat side of a booking transaction: the counters of the item that holds the
 * seats — the listing, or one session of a scheduled listing — with the conditions
 * that keep them true (no overbooking, nobody waits beside a free seat), and a
 * waitlisted booking moving up into a freed seat.
 */
import { type Key, keys } from "../../../shared/keys.ts";
import { TABLE_NAME } from "../../lib/db.ts";
import { update, withCondition } from "../../lib/expr.ts";
import { counterChange } from "../booking-rules.ts";
import { getListingItem } from "../listings/read.ts";
import { RETRY, type TaggedItem, transact, withRetries } from "../transact.ts";
import { type BookingItem, scopeOf } from "./item.ts";
import { firstWaitlisted } from "./read.ts";
import { bookingUpdate } from "./write.ts";

const NAMES = {
  "#open": "status",
  "#seats": "seatsTaken",
  "#capacity": "capacity",
  "#wl": "waitlistCount",
};

/** The aliases an expression uses (DynamoDB refuses unused ones). */
const namesIn = (expression: string) =>
  Object.fromEntries(Object.entries(NAMES).filter(([alias]) => expression.includes(alias)));

/** The item whose counters hold a booking's seats, and the condition that it takes joins. */
export interface SeatHolder {
  key: Key;
  open: { expression: string; values: Record<string, unknown> };
}

export function seatHolder(b: Pick<BookingItem, "listingId" | "sessionId">): SeatHolder {
  return b.sessionId
    ? {
        key: keys.session(b.listingId, b.sessionId),
        open: { expression: "attribute_exists(pk) AND #open = :open", values: { ":open": "open" } },
      }
    : {
        key: keys.listing(b.listingId),
        open: { expression: "#open = :open", values: { ":open": "published" } },
      };
}

function counters<Tag extends string>(
  tag: Tag,
  key: Key,
  add: { seatsTaken?: number; waitlistCount?: number },
  condition?: { expression: string; values?: Record<string, unknown> },
): TaggedItem<Tag> {
  const parts = update({ add: Object.fromEntries(Object.entries(add).filter(([, v]) => v !== 0)) });
  return {
    tag,
    Update: {
      TableName: TABLE_NAME,
      Key: key,
      ...(condition
        ? withCondition(parts, condition.expression, namesIn(condition.expression), condition.values)
        : parts),
    },
  };
}

/** A join taking a seat: only while the holder takes joins and has a seat free. */
export const takeSeat = (h: SeatHolder) =>
  counters(
    "seat",
    h.key,
    { seatsTaken: 1 },
    {
      expression: `${h.open.expression} AND (attribute_not_exists(#seats) OR #seats < #capacity)`,
      values: h.open.values,
    },
  );

/** A join taking a waitlist place: only while the holder takes joins and its seats are all taken. */
export const joinWaitlist = (h: SeatHolder) =>
  counters(
    "seat",
    h.key,
    { waitlistCount: 1 },
    {
      expression: `${h.open.expression} AND attribute_exists(#seats) AND #seats >= #capacity`,
      values: h.open.values,
    },
  );

/** On a session's join, the listing itself must still take joins (checked, not written). */
export const listingTakesJoins = (listingId: string): TaggedItem<"listing"> => ({
  tag: "listing",
  ConditionCheck: {
    TableName: TABLE_NAME,
    Key: keys.listing(listingId),
    ConditionExpression: "#open = :published",
    ExpressionAttributeNames: { "#open": "status" },
    ExpressionAttributeValues: { ":published": "published" },
  },
});

/** The booking side of a waitlisted booking taking a seat: its request opens now. */
export function promoted(next: BookingItem, at: Date): BookingItem {
  const iso = at.toISOString();
  return { ...next, status: "requested", openedAt: iso, promotedAt: iso, updatedAt: iso };
}

/**
 * How a transition of `b` to `to` moves its seat holder's counters: one Update of
 * the holder (DynamoDB takes one operation per item in a transaction), plus, when an
 * event's seat is freed and somebody waits, the first waitlisted booking moving up
 * into it (seats unchanged, waitlist −1) unless `promote` is false. A seat released
 * to nobody is released on the condition that nobody waits (an index that lagged
 * makes the caller re-read).
 */
export async function counterItems(
  b: BookingItem,
  to: BookingItem["status"],
  at: Date,
  promote = true,
): Promise<TaggedItem[]> {
  // A need's booking (群众点单) holds no listing's seat: it has no counters to move.
  if (b.needId) return [];
  const change = counterChange(b.kind, b.status, to);
  let seats = change.seats;
  let waitlist = change.waitlist;
  const items: TaggedItem[] = [];
  const eventSeatFreed = b.kind === "event" && seats < 0;
  const next = eventSeatFreed && promote ? await firstWaitlisted(scopeOf(b)) : null;
  if (next) {
    seats += 1;
    waitlist -= 1;
    items.push(bookingUpdate("promoted", next, promoted(next, at)));
  }
  if (seats !== 0 || waitlist !== 0) {
    const releasedToNobody = eventSeatFreed && !next && promote;
    items.unshift(
      counters(
        "seat",
        seatHolder(b).key,
        { seatsTaken: seats, waitlistCount: waitlist },
        releasedToNobody
          ? { expression: "attribute_not_exists(#wl) OR #wl <= :zero", values: { ":zero": 0 } }
          : undefined,
      ),
    );
  }
  return items;
}

/**
 * When an edit raises an event's capacity, the waitlist moves up into the new
 * seats, earliest arrival first, one transaction each, each taking a seat only on
 * the condition that one is free. Returns how many moved up.
 */
export async function promoteIntoFreeSeats(listingId: string, now = new Date()): Promise<number> {
  let moved = 0;
  for (;;) {
    const movedOne = await withRetries(async () => {
      const listing = await getListingItem(listingId, true);
      if (!listing || listing.kind !== "event") return false;
      if (listing.seatsTaken >= listing.capacity || listing.waitlistCount <= 0) return false;
      const next = await firstWaitlisted(listingId);
      if (!next) return false;
      const outcome = await transact([
        counters(
          "seat",
          keys.listing(listingId),
          { seatsTaken: 1, waitlistCount: -1 },
          {
            expression: "#seats < #capacity",
          },
        ),
        bookingUpdate("promoted", next, promoted(next, now)),
      ]);
      return outcome.ok ? true : RETRY;
    });
    if (!movedOne) return moved;
    moved++;
  }
}
