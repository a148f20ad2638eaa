/**
 * Seat hoarding (issue 19.4), pure: a resident who gives a seat back within
 * LATE_CANCEL_MS of its start — too late for anyone else to use it — is counted,
 * one counter item per resident, projected from the stream like every other figure
 * (and recounted by reconcile). Volunteers see the count on the resident's booking
 * card; nothing refuses the resident for it.
 */
import { keys } from "../../../shared/keys.ts";
import type { BookingItem } from "../bookings/item.ts";
import type { Effect } from "./facts.ts";

/** Within this of the start (or after it), a cancellation counts as late. */
export const LATE_CANCEL_MS = 2 * 3_600_000;

export function isLateCancel(b: Pick<BookingItem, "startsAt">, cancelledAt: string): boolean {
  if (!b.startsAt) return false;
  return Date.parse(b.startsAt) - Date.parse(cancelledAt) < LATE_CANCEL_MS;
}

export const lateCancel = (b: Pick<BookingItem, "residentId">): Effect => ({
  kind: "count",
  key: keys.lateCancels(b.residentId),
  set: { type: "lateCancels", residentId: b.residentId },
  add: { count: 1 },
});
