/**
 * A booking as stored, how a new one is made, and how it is shown to whom.
 * Rules are in ../booking-rules.ts.
 */
import * as z from "zod";
import { keys } from "../../../shared/keys.ts";
import type { Booking, BookingInput } from "../../../shared/schemas.ts";
import { BookingStatus, CategorySchema, Kind } from "../../../shared/schemas.ts";
import type { User } from "../../lib/auth.ts";
import { newId } from "../../lib/ids.ts";
import { completionCode, maskAddress, maskPhone } from "../booking-rules.ts";
import type { ListingItem } from "../listings/item.ts";
import type { SessionTimes } from "../sessions/schedule.ts";

/** A booking as stored. */
export const BookingItem = z.object({
  id: z.string(),
  listingId: z.string(),
  listingTitle: z.string(),
  /** The session booked, on a scheduled listing; its times are copied. */
  sessionId: z.string().optional(),
  startsAt: z.string().optional(),
  endsAt: z.string().optional(),
  category: CategorySchema,
  community: z.string(),
  branch: z.string().default(""),
  kind: Kind,
  residentId: z.string(),
  residentName: z.string(),
  volunteerId: z.string(),
  volunteerName: z.string(),
  status: BookingStatus,
  /** How it entered: with a seat (requested) or on the waitlist; lets reconcile replay its history. */
  joinedAs: z.enum(["requested", "waitlisted"]).optional(),
  note: z.string().default(""),
  phone: z.string(),
  address: z.string().default(""),
  preferredTime: z.string().default(""),
  completionCode: z.string(),
  codeFailures: z.number().default(0),
  /** When the last wrong 核销码 was typed (the one that locks completion tells the resident). */
  codeFailedAt: z.string().optional(),
  hours: z.number().optional(),
  /** When the resident's request reached the API: orders the waitlist (first come, first served). */
  createdAt: z.string(),
  /** When it last became an open request (creation, or promotion from the waitlist). */
  openedAt: z.string(),
  acceptedAt: z.string().optional(),
  completedAt: z.string().optional(),
  completedBy: z.enum(["volunteer", "resident"]).optional(),
  cancelledAt: z.string().optional(),
  /** Who ended it: the resident (absent: older bookings), or the volunteer cancelling its session. */
  cancelledBy: z.enum(["resident", "volunteer"]).optional(),
  cancelReason: z.string().optional(),
  declinedAt: z.string().optional(),
  declineReason: z.string().optional(),
  expiredAt: z.string().optional(),
  promotedAt: z.string().optional(),
  /** When the volunteer marked it 居民未到. */
  noShowAt: z.string().optional(),
  reviewId: z.string().optional(),
  /** A community worker made it for a resident without an account (API.md "Community workers"). */
  bookedBy: z.object({ id: z.string(), name: z.string(), role: z.literal("staff") }).optional(),
  /**
   * The key of the read-only link a booker shares with family (128 random bits,
   * base64url; see share.ts). Never part of a Booking view.
   */
  shareKey: z.string().optional(),
  /** The time of the last transition: the stream projector dates derived figures by it. */
  updatedAt: z.string(),
});
export type BookingItem = z.infer<typeof BookingItem>;

/** The listing facts a booking keeps a copy of (what it was booked as). */
export type BookedListing = Pick<
  ListingItem,
  | "id"
  | "title"
  | "category"
  | "community"
  | "volunteerBranch"
  | "kind"
  | "volunteerId"
  | "volunteerName"
  | "startsAt"
  | "endsAt"
>;

/** The seats a booking holds: its listing's, or its session's. */
export const scopeOf = (b: Pick<BookingItem, "listingId" | "sessionId">) =>
  keys.seatScope(b.listingId, b.sessionId);

export function newBookingItem(
  user: User,
  listing: BookedListing,
  input: BookingInput,
  status: "requested" | "waitlisted",
  now: Date,
  session?: SessionTimes,
): BookingItem {
  const at = now.toISOString();
  return {
    id: newId("b"),
    listingId: listing.id,
    listingTitle: listing.title,
    ...(session
      ? { sessionId: session.id, startsAt: session.startsAt, endsAt: session.endsAt }
      : listing.kind === "event" && listing.startsAt
        ? { startsAt: listing.startsAt, ...(listing.endsAt ? { endsAt: listing.endsAt } : {}) }
        : {}),
    category: listing.category,
    community: listing.community,
    branch: listing.volunteerBranch,
    kind: listing.kind,
    residentId: user.id,
    residentName: user.name,
    volunteerId: listing.volunteerId,
    volunteerName: listing.volunteerName,
    status,
    joinedAs: status,
    note: input.note ?? "",
    phone: input.phone ?? "",
    address: input.address ?? "",
    preferredTime: input.preferredTime ?? "",
    completionCode: completionCode(),
    codeFailures: 0,
    createdAt: at,
    openedAt: at,
    updatedAt: at,
  };
}

/**
 * The booker (API.md "Community workers"; access `booker`): the booking's resident,
 * or the community worker who made it for them. The one check for every booker-only
 * action: cancel, confirm, the calendar file, sharing with family.
 */
export const actsForResident = (b: BookingItem, by: User) =>
  (by.role === "resident" && by.id === b.residentId) || (by.role === "staff" && b.bookedBy?.id === by.id);

/**
 * Who is looking: the resident sees all; the volunteer unmasked only where it is
 * audited; the community worker who made the booking sees all (audited too, see
 * staff/audit.ts), the 核销码 included, to print it on the resident's slip.
 */
export type Viewer = "resident" | "volunteer" | "volunteer-unmasked" | "staff";

export function toBookingView(b: BookingItem, viewer: Viewer, waitlistPosition?: number): Booking {
  const open = viewer === "resident" || viewer === "volunteer-unmasked" || viewer === "staff";
  return {
    id: b.id,
    listingId: b.listingId,
    listingTitle: b.listingTitle,
    ...pick(b, ["sessionId", "startsAt"]),
    residentId: b.residentId,
    residentName: b.residentName,
    volunteerId: b.volunteerId,
    status: b.status,
    ...(waitlistPosition !== undefined ? { waitlistPosition } : {}),
    note: b.note,
    phone: open ? b.phone : maskPhone(b.phone),
    address: open ? b.address : maskAddress(b.address),
    preferredTime: b.preferredTime,
    ...(b.hours !== undefined ? { hours: b.hours } : {}),
    createdAt: b.createdAt,
    ...pick(b, [
      "acceptedAt",
      "completedAt",
      "cancelledAt",
      "declinedAt",
      "expiredAt",
      "promotedAt",
      "noShowAt",
    ]),
    ...(b.declineReason ? { declineReason: b.declineReason } : {}),
    ...(viewer === "resident" || viewer === "staff" ? { completionCode: b.completionCode } : {}),
    ...(b.status === "completed" ? { reviewed: b.reviewId !== undefined } : {}),
    ...(b.bookedBy ? { bookedBy: b.bookedBy } : {}),
  };
}

function pick<K extends keyof BookingItem>(b: BookingItem, ks: K[]): Partial<Pick<BookingItem, K>> {
  const out: Partial<Pick<BookingItem, K>> = {};
  for (const k of ks) if (b[k] !== undefined) out[k] = b[k];
  return out;
}
