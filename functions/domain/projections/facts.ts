/**
 * What one change of a booking or a review means for everything derived from it,
 * pure: the dashboard's counters, the waitlist gauges, hours and ratings on the
 * ranking entries and the listing, the notices to each side and the contact audit.
 * A booking's are here, a review's in review-facts.ts and a need's in needs/facts.ts.
 * The stream projector applies these effects (apply.ts); the reconcile job replays
 * every booking's history (history.ts) through the same function to recompute them
 * (reconcile.ts), so the two cannot disagree.
 */
import { localMonth } from "../../../shared/clock.ts";
import type { Key } from "../../../shared/keys.ts";
import type { BookingTextKind } from "../../../shared/texts.ts";
import { derivedId } from "../../lib/ids.ts";
import { MAX_CODE_FAILURES, type NoticeFacts, type NoticeType } from "../booking-rules.ts";
import { contactReadItem } from "../bookings/contact.ts";
import { BookingItem } from "../bookings/item.ts";
import { needEffects } from "../needs/facts.ts";
import { noticeItem } from "../notifications.ts";
import { type RankEntry, type RankFigures, rankEntries } from "../rankings.ts";
import { type StatEvent, type StatFact, statsChanges } from "../stats/counters.ts";
import { textItem } from "../texts/item.ts";
import { isLateCancel, lateCancel } from "./late-cancels.ts";
import { reviewEffects } from "./review-facts.ts";

/** An item's attributes as the stream record carries them. */
export type Image = Record<string, unknown>;

/** One change of one item, as a stream record tells it (or as reconcile replays it). */
export interface Change {
  /** Unique per change (the stream record's eventID): derived items' ids come from it. */
  id: string;
  old?: Image | undefined;
  new?: Image | undefined;
}

export type Effect =
  /** Counters ADDed on an item (stats day counters, unmet demand, waitlist gauges) with labels SET. */
  | { kind: "count"; key: Key; set: Record<string, string>; add: Record<string, number> }
  /** Figures on a ranking entry (re-sorted by hours). */
  | { kind: "rank"; entry: RankEntry; add: RankFigures }
  /** Figures on the listing (a catalogue sort key: versioned). */
  | {
      kind: "listing";
      listingId: string;
      add: { completedCount?: number; ratingSum?: number; ratingCount?: number };
    }
  /** An item written whole (a notice, an audit record), under an id derived from the change. */
  | { kind: "put"; item: Record<string, unknown> };

export function effectsOf(change: Change): Effect[] {
  const type = (change.new ?? change.old)?.type;
  if (type === "booking") return bookingEffects(change);
  if (type === "review") return reviewEffects(change);
  if (type === "need") return needEffects(change);
  return [];
}

// ---------------------------------------------------------------- bookings

function parseBooking(image: Image | undefined): BookingItem | undefined {
  if (!image) return undefined;
  const parsed = BookingItem.safeParse(image);
  return parsed.success ? parsed.data : undefined;
}

function stat(b: BookingItem, event: StatEvent, at: string, extra: Partial<StatFact> = {}): Effect[] {
  return statsChanges({
    event,
    at: new Date(at),
    category: b.category,
    community: b.community,
    branch: b.branch,
    listingId: b.listingId,
    listingTitle: b.listingTitle,
    ...extra,
  }).map((c) => ({ kind: "count", key: c.Key, set: c.set, add: c.add }));
}

function notice(
  change: Change,
  b: BookingItem,
  to: "resident" | "volunteer",
  type: NoticeType,
  at: string,
  extra: Partial<NoticeFacts> = {},
): Effect {
  const facts: NoticeFacts = {
    title: b.listingTitle,
    residentName: b.residentName,
    volunteerName: b.volunteerName,
    ...extra,
  };
  const id = derivedId("n", change.id, to, type);
  // A resident booked for by a community worker has no account: the worker is told instead.
  const forWorker = to === "resident" && b.bookedBy !== undefined;
  const toId = to === "resident" ? (b.bookedBy?.id ?? b.residentId) : b.volunteerId;
  const item = noticeItem({ to: { id: toId, role: to }, type, bookingId: b.id, facts, at }, id);
  return {
    kind: "put",
    item: forWorker ? { ...item, text: `（代${b.residentName}预约）${String(item.text)}` } : item,
  };
}

/**
 * A text (SMS) to the booking's phone: an outbox item whose id comes from the booking
 * and the kind, so there is at most one per booking and kind (texts/item.ts); the
 * sender (texts/deliver.ts) sends it once, after quiet hours.
 */
function sms(b: BookingItem, kind: BookingTextKind, at: string): Effect[] {
  const item = textItem(b, kind, at);
  return item ? [{ kind: "put", item }] : [];
}

const audit = (change: Change, b: BookingItem, at: string, via: string): Effect => ({
  kind: "put",
  item: contactReadItem(b, at, via, derivedId("c", change.id, via)),
});

/** What a booking's change means: its creation, a change within a status, or a move to another. */
function bookingEffects(change: Change): Effect[] {
  const now = parseBooking(change.new);
  if (!now) return [];
  const old = parseBooking(change.old);
  if (!old) return now.needId ? claimed(change, now) : joined(change, now);
  if (old.status === now.status) return unchangedStatus(change, old, now);
  return movedTo(change, old, now);
}

/**
 * A claimed need (群众点单) becomes a booking already accepted: requested and accepted at once
 * (no hours-to-accept: the need's time to claim is counted on the need). Its text comes from the need.
 */
function claimed(change: Change, now: BookingItem): Effect[] {
  const at = now.acceptedAt ?? now.createdAt;
  return [
    ...stat(now, "requested", now.createdAt),
    ...stat(now, "accepted", at, { from: "requested" }),
    notice(change, now, "resident", "accepted", at),
    audit(change, now, at, "accept"),
  ];
}

/** A join: a seat asked for, or a waitlist place; the volunteer is told. */
function joined(change: Change, now: BookingItem): Effect[] {
  const joinedAs = now.status === "waitlisted" ? "waitlisted" : "requested";
  return [...stat(now, joinedAs, now.createdAt), notice(change, now, "volunteer", joinedAs, now.createdAt)];
}

/** A change within one status: only a wrong 核销码 that locks completion tells anyone (how to finish instead). */
function unchangedStatus(change: Change, old: BookingItem, now: BookingItem): Effect[] {
  if (old.codeFailures < MAX_CODE_FAILURES && now.codeFailures >= MAX_CODE_FAILURES)
    return [notice(change, now, "resident", "locked", now.codeFailedAt ?? now.updatedAt)];
  return [];
}

function movedTo(change: Change, old: BookingItem, now: BookingItem): Effect[] {
  const from = old.status;
  switch (now.status) {
    case "requested":
      return promotion(change, now, from);
    case "accepted":
      return acceptance(change, now, old);
    case "declined":
      return decline(change, now, from);
    case "cancelled":
      return cancellation(change, now, from);
    case "expired":
      return expiry(change, now, from);
    case "completed":
      return completion(change, now, from);
    case "no_show":
      return noShow(change, now, from);
    default:
      return [];
  }
}

type Status = BookingItem["status"];

/** From the waitlist into a free seat: both sides are told, the resident by text too. */
function promotion(change: Change, b: BookingItem, from: Status): Effect[] {
  const at = b.promotedAt ?? b.updatedAt;
  return [
    ...stat(b, "promoted", at, { from }),
    notice(change, b, "resident", "promoted", at),
    notice(change, b, "volunteer", "requested", at),
    ...sms(b, "promoted", at),
  ];
}

/** Accepted by the volunteer: the hours it took since the request opened, and the contact read. */
function acceptance(change: Change, b: BookingItem, old: BookingItem): Effect[] {
  const at = b.acceptedAt ?? b.updatedAt;
  const hoursToAccept = Math.max(0, (Date.parse(at) - Date.parse(old.openedAt)) / 3_600_000);
  return [
    ...stat(b, "accepted", at, { from: old.status, hoursToAccept }),
    notice(change, b, "resident", "accepted", at),
    audit(change, b, at, "accept"),
    ...sms(b, "accepted", at),
  ];
}

function decline(change: Change, b: BookingItem, from: Status): Effect[] {
  const at = b.declinedAt ?? b.updatedAt;
  return [
    ...stat(b, "declined", at, { from }),
    notice(change, b, "resident", "declined", at, b.declineReason ? { reason: b.declineReason } : {}),
    ...sms(b, "declined", at),
  ];
}

function cancellation(change: Change, b: BookingItem, from: Status): Effect[] {
  const at = b.cancelledAt ?? b.updatedAt;
  const byVolunteer = b.cancelledBy === "volunteer";
  return [
    ...stat(b, "cancelled", at, { from }),
    byVolunteer
      ? notice(change, b, "resident", "cancelled", at, b.cancelReason ? { reason: b.cancelReason } : {})
      : notice(change, b, "volunteer", "cancelled", at),
    // Cancelled by the volunteer (or with its session): the resident must know. Their own cancel needs no text.
    ...(byVolunteer ? sms(b, "cancelled", at) : []),
    // Seat hoarding (issue 19.4): a seat given back within 2 h of its start is counted for volunteers to see.
    ...(!byVolunteer && from !== "waitlisted" && isLateCancel(b, at) ? [lateCancel(b)] : []),
  ];
}

function expiry(change: Change, b: BookingItem, from: Status): Effect[] {
  const at = b.expiredAt ?? b.updatedAt;
  return [
    ...stat(b, "expired", at, { from }),
    notice(change, b, "resident", "expired", at),
    notice(change, b, "volunteer", "expired", at),
    ...sms(b, "expired", at),
  ];
}

function noShow(change: Change, b: BookingItem, from: Status): Effect[] {
  const at = b.noShowAt ?? b.updatedAt;
  return [...stat(b, "noShow", at, { from }), notice(change, b, "resident", "no_show", at)];
}

function completion(change: Change, b: BookingItem, from: Status): Effect[] {
  const at = b.completedAt ?? b.updatedAt;
  const hours = b.hours ?? 0;
  const entries = rankEntries({
    volunteerId: b.volunteerId,
    volunteerName: b.volunteerName,
    branch: b.branch,
    month: localMonth(at),
  });
  const byVolunteer = b.completedBy !== "resident";
  return [
    ...stat(b, "completed", at, { from, hours }),
    ...entries.map(
      (entry): Effect => ({ kind: "rank", entry, add: { hoursServed: hours, completedCount: 1 } }),
    ),
    // A need's booking has no listing to count on.
    ...(b.needId ? [] : [{ kind: "listing" as const, listingId: b.listingId, add: { completedCount: 1 } }]),
    ...(byVolunteer
      ? [notice(change, b, "resident", "completed", at), audit(change, b, at, "complete")]
      : [notice(change, b, "volunteer", "confirmed", at, { hours })]),
  ];
}
