/**
 * The listing side of a booking transaction: its seat and waitlist counters, with
 * the conditions that keep them true (no overbooking, nobody waits beside a free
 * seat), and a waitlisted booking moving up into a freed seat.
 */
import { keys } from "../../../shared/keys.ts";
import { TABLE_NAME } from "../../lib/db.ts";
import { update, withCondition } from "../../lib/expr.ts";
import { counterChange } from "../booking-rules.ts";
import { getListingItem } from "../listings.ts";
import { RETRY, type TaggedItem, transact, withRetries } from "../transact.ts";
import type { BookingItem } from "./item.ts";
import { firstWaitlisted } from "./read.ts";
import { bookingUpdate } from "./write.ts";

const NAMES = {
  "#lstatus": "status",
  "#seats": "seatsTaken",
  "#capacity": "capacity",
  "#wl": "waitlistCount",
};

/** The aliases an expression uses (DynamoDB refuses unused ones). */
const namesIn = (expression: string) =>
  Object.fromEntries(Object.entries(NAMES).filter(([alias]) => expression.includes(alias)));

function counters<Tag extends string>(
  tag: Tag,
  listingId: string,
  add: { seatsTaken?: number; waitlistCount?: number },
  condition?: { expression: string; values?: Record<string, unknown> },
): TaggedItem<Tag> {
  const parts = update({ add: Object.fromEntries(Object.entries(add).filter(([, v]) => v !== 0)) });
  return {
    tag,
    Update: {
      TableName: TABLE_NAME,
      Key: keys.listing(listingId),
      ...(condition
        ? withCondition(parts, condition.expression, namesIn(condition.expression), condition.values)
        : parts),
    },
  };
}

/** A join taking a seat: only on a published listing with a seat free. */
export const takeSeat = (listingId: string) =>
  counters(
    "seat",
    listingId,
    { seatsTaken: 1 },
    {
      expression: "#lstatus = :published AND (attribute_not_exists(#seats) OR #seats < #capacity)",
      values: { ":published": "published" },
    },
  );

/** A join taking a waitlist place: only on a published listing whose seats are all taken. */
export const joinWaitlist = (listingId: string) =>
  counters(
    "seat",
    listingId,
    { waitlistCount: 1 },
    {
      expression: "#lstatus = :published AND attribute_exists(#seats) AND #seats >= #capacity",
      values: { ":published": "published" },
    },
  );

/** The booking side of a waitlisted booking taking a seat: its request opens now. */
export function promoted(next: BookingItem, at: Date): BookingItem {
  const iso = at.toISOString();
  return { ...next, status: "requested", openedAt: iso, promotedAt: iso, updatedAt: iso };
}

/**
 * How a transition of `b` to `to` moves its listing's counters: one Update of the
 * listing (DynamoDB takes one operation per item in a transaction), plus, when an
 * event's seat is freed and somebody waits, the first waitlisted booking moving up
 * into it (seats unchanged, waitlist −1). A seat released to nobody is released on
 * the condition that nobody waits (an index that lagged makes the caller re-read).
 */
export async function counterItems(
  b: BookingItem,
  to: BookingItem["status"],
  at: Date,
): Promise<TaggedItem[]> {
  const change = counterChange(b.kind, b.status, to);
  let seats = change.seats;
  let waitlist = change.waitlist;
  const items: TaggedItem[] = [];
  const eventSeatFreed = b.kind === "event" && seats < 0;
  const next = eventSeatFreed ? await firstWaitlisted(b.listingId) : null;
  if (next) {
    seats += 1;
    waitlist -= 1;
    items.push(bookingUpdate("promoted", next, promoted(next, at)));
  }
  if (seats !== 0 || waitlist !== 0) {
    const releasedToNobody = eventSeatFreed && !next;
    items.unshift(
      counters(
        "seat",
        b.listingId,
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
          listingId,
          { seatsTaken: 1, waitlistCount: -1 },
          { expression: "#seats < #capacity" },
        ),
        bookingUpdate("promoted", next, promoted(next, now)),
      ]);
      return outcome.ok ? true : RETRY;
    });
    if (!movedOne) return moved;
    moved++;
  }
}
