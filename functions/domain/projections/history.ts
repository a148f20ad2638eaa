/**
 * Replay for reconcile: the changes a booking or a review went through to reach its
 * present state, each dated as it happened, rebuilt from that state alone. Fed to
 * `effectsOf` (facts.ts), they give what the projector should have left.
 */
import { MAX_CODE_FAILURES } from "../booking-rules.ts";
import type { BookingItem } from "../bookings/item.ts";
import type { ReviewItem } from "../reviews.ts";
import type { Change, Image } from "./facts.ts";

/**
 * The changes a booking went through to reach its present state, each dated as it
 * happened: joined (with a seat or on the waitlist), moved up, accepted, and its end.
 * Reconcile feeds them to `effectsOf` to recompute what the projector should have left.
 */
export function bookingHistory(b: BookingItem): Change[] {
  const joinedAs =
    b.joinedAs ?? (b.promotedAt || (b.status === "waitlisted" && !b.acceptedAt) ? "waitlisted" : "requested");
  const bare: BookingItem = {
    ...b,
    status: joinedAs,
    codeFailures: 0,
    openedAt: b.createdAt,
    updatedAt: b.createdAt,
  };
  for (const k of [
    "acceptedAt",
    "completedAt",
    "completedBy",
    "cancelledAt",
    "cancelledBy",
    "cancelReason",
    "declinedAt",
    "declineReason",
    "expiredAt",
    "promotedAt",
    "noShowAt",
    "hours",
    "codeFailedAt",
    "reviewId",
  ] as const)
    delete bare[k];
  // A need's booking (群众点单) is written already accepted: that is its first change.
  if (b.needId && b.acceptedAt) Object.assign(bare, { status: "accepted", acceptedAt: b.acceptedAt });
  const steps: BookingItem[] = [bare];
  let cur = bare;
  const step = (next: BookingItem) => {
    steps.push(next);
    cur = next;
  };
  if (b.promotedAt && joinedAs === "waitlisted" && b.status !== "waitlisted")
    step({
      ...cur,
      status: "requested",
      promotedAt: b.promotedAt,
      openedAt: b.promotedAt,
      updatedAt: b.promotedAt,
    });
  if (b.acceptedAt && cur.status !== "accepted")
    step({ ...cur, status: "accepted", acceptedAt: b.acceptedAt, updatedAt: b.acceptedAt });
  if (b.codeFailures >= MAX_CODE_FAILURES)
    step({
      ...cur,
      codeFailures: b.codeFailures,
      ...(b.codeFailedAt ? { codeFailedAt: b.codeFailedAt } : {}),
    });
  if (b.status !== cur.status) step(b);
  const image = (s: BookingItem): Image => ({ ...s, type: "booking" });
  return steps.map((s, i) => ({
    id: `${b.id}#${i}`,
    old: i === 0 ? undefined : image(steps[i - 1] as BookingItem),
    new: image(s),
  }));
}

/** A review's history: written, then (perhaps) replied to and hidden. */
export function reviewHistory(r: ReviewItem): Change[] {
  const bare: ReviewItem = { ...r };
  delete bare.reply;
  delete bare.repliedAt;
  delete bare.hidden;
  delete bare.hiddenAt;
  delete bare.hiddenBy;
  delete bare.hiddenReason;
  const image = (x: ReviewItem): Image => ({ ...x, type: "review" });
  return [
    { id: `${r.id}#0`, new: image(bare) },
    { id: `${r.id}#1`, old: image(bare), new: image(r) },
  ];
}
