/**
 * When a booking counts as served, and how long it may be said to have lasted
 * (issue 19.5, issue 20.2): the one rule for the API (functions/domain/bookings/
 * served.ts) and the storefront (no 确认完成 button before the service's time).
 */

/** The most hours one booking may record (API.md: hours 0.5–12). */
export const MAX_BOOKING_HOURS = 12;
/** An event with a start and no end: half a day at most. */
export const EVENT_WITHOUT_END_HOURS = 4;

/** From when a booking may be completed or confirmed: its start, or (on demand) its acceptance. */
export function servedFrom(b: { startsAt?: string | undefined; acceptedAt?: string | undefined }): number {
  return Date.parse(b.startsAt ?? b.acceptedAt ?? "") || 0;
}

/** The most hours a booking may record: its length up to the next half hour, within 0.5–12. */
export function maxHours(b: { startsAt?: string | undefined; endsAt?: string | undefined }): number {
  if (!b.startsAt) return MAX_BOOKING_HOURS;
  if (!b.endsAt) return EVENT_WITHOUT_END_HOURS;
  const length = (Date.parse(b.endsAt) - Date.parse(b.startsAt)) / 3_600_000;
  if (!Number.isFinite(length)) return EVENT_WITHOUT_END_HOURS;
  return Math.min(MAX_BOOKING_HOURS, Math.max(0.5, Math.ceil(length * 2) / 2));
}
