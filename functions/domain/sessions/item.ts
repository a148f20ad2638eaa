/** A session of a scheduled listing, as stored and as shown. */
import * as z from "zod/mini";
import { keys } from "../../../shared/keys.ts";
import type { Session } from "../../../shared/sessions.ts";
import type { SessionTimes } from "./schedule.ts";

export const SessionItem = z.object({
  id: z.string(),
  listingId: z.string(),
  /** The listing's community (the calendar's partition). */
  community: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number(),
  seatsTaken: z._default(z.number(), 0),
  waitlistCount: z._default(z.number(), 0),
  status: z.enum(["open", "cancelled"]),
  cancelReason: z.optional(z.string()),
  cancelledAt: z.optional(z.string()),
  createdAt: z.string(),
});
export type SessionItem = z.infer<typeof SessionItem>;

export function newSessionItem(
  listing: { id: string; community: string },
  t: SessionTimes,
  capacity: number,
  now: Date,
): SessionItem {
  return {
    id: t.id,
    listingId: listing.id,
    community: listing.community,
    startsAt: t.startsAt,
    endsAt: t.endsAt,
    capacity,
    seatsTaken: 0,
    waitlistCount: 0,
    status: "open",
    createdAt: now.toISOString(),
  };
}

/** The stored form: keys, type and the calendar index (while open). */
export const sessionRecord = (s: SessionItem) => ({
  ...keys.session(s.listingId, s.id),
  type: "session",
  ...s,
  ...(s.status === "open" ? keys.calendarIndexes(s) : {}),
});

export function toSessionView(s: SessionItem, now: Date): Session {
  const past = Date.parse(s.startsAt) <= now.getTime();
  return {
    id: s.id,
    listingId: s.listingId,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    capacity: s.capacity,
    seatsTaken: s.seatsTaken,
    waitlistCount: s.waitlistCount,
    status: s.status === "cancelled" ? "cancelled" : past ? "past" : "open",
    ...(s.cancelReason ? { cancelReason: s.cancelReason } : {}),
  };
}
