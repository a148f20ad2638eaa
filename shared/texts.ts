/**
 * Texts (SMS) to a booking's phone (API.md v1.1 "Texts (SMS)"): their kinds and the
 * local outbox's view. At most one text per booking and kind; none between 21:00
 * and 08:00 Asia/Shanghai (held until 08:00).
 */
import * as z from "zod/mini";
import { Phone } from "./schemas.ts";

/** The texts about a booking. */
export const BOOKING_TEXT_KINDS = [
  "accepted",
  "declined",
  "promoted",
  "cancelled",
  "expired",
  "reminder",
  // needs (群众点单): claimed, and expired unclaimed
  "needClaimed",
  "needExpired",
] as const;
export type BookingTextKind = (typeof BOOKING_TEXT_KINDS)[number];
/** Every kind: a booking's, and the one-time code that proves a number (trust and safety). */
export const TEXT_KINDS = [...BOOKING_TEXT_KINDS, "code"] as const;
export const TextKind = z.enum(TEXT_KINDS);
export type TextKind = z.infer<typeof TextKind>;

/**
 * `held`: quiet hours, goes out at `sendAt`; `queued`: due, not yet handed to the
 * sender; `sent`; `off`: the resident turned texts off; `failed`: the sender refused
 * it (it is not tried again: a text is never sent twice); `capped`: its number or
 * account had its texts for the day (trust and safety). `off` also covers a number
 * whose owner opted out.
 */
export const TextStatus = z.enum(["held", "queued", "sent", "off", "failed", "capped"]);
export type TextStatus = z.infer<typeof TextStatus>;

export const OutboxText = z.object({
  id: z.string(),
  to: z.string(),
  text: z.string(),
  kind: TextKind,
  bookingId: z.string(),
  createdAt: z.string(),
  status: TextStatus,
  sendAt: z.string(),
});
export type OutboxText = z.infer<typeof OutboxText>;

export const OutboxQuery = z.object({ to: z.optional(Phone) });
