/**
 * Sharing a booking with family (API.md v1.1 "Sharing a booking with family"). Part of
 * the HTTP contract's schemas, which shared/schemas.ts gathers.
 */
import * as z from "zod/mini";
import { BookingStatus } from "./bookings.ts";
import { CategorySchema } from "./common.ts";

/** A share key: 128 random bits as base64url, 22 characters. */
export const ShareKey = z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/, "无效的链接"));

/** The storefront page a shared booking opens at (short: it goes into a printed QR code). */
export const sharedBookingPath = (id: string, k: string) =>
  `/b/?id=${encodeURIComponent(id)}&k=${encodeURIComponent(k)}`;

/** POST /api/bookings/{id}/share: the link for family, the same every time it is asked for. */
export const BookingShare = z.object({
  /** Storefront path with the booking id and its share key (`/b/?id=…&k=…`). */
  path: z.string(),
});

export type BookingShare = z.infer<typeof BookingShare>;

/** GET /api/shared/bookings/{id}?k=: a missing key is answered as a wrong one (404). */
export const SharedBookingQuery = z.object({ k: z.optional(ShareKey) });

/**
 * What a family member's phone sees of a booking: the service, when, where, who
 * comes and how it stands. No phone, address, note, 核销码 nor anyone's id; the
 * resident's name masked (`王**`).
 */
export const SharedBooking = z.object({
  listingId: z.string(),
  listingTitle: z.string(),
  category: CategorySchema,
  status: BookingStatus,
  sessionId: z.optional(z.string()),
  startsAt: z.optional(z.string()),
  endsAt: z.optional(z.string()),
  preferredTime: z.string(),
  community: z.string(),
  volunteerName: z.string(),
  waitlistPosition: z.optional(z.int()),
  residentName: z.string(),
  /** The phone of the booking's 居委会 (committeeOf), when one is set. */
  committeePhone: z.optional(z.string()),
});

export type SharedBooking = z.infer<typeof SharedBooking>;
