/**
 * A booking as stored, how a new one is made, and how it is shown to whom.
 * Rules are in ../booking-rules.ts.
 */
import * as z from "zod/mini";
import { keys } from "../../../shared/keys.ts";
import type { BookingInput } from "../../../shared/schemas.ts";
import { Booking, CategorySchema, Kind } from "../../../shared/schemas.ts";
import type { User } from "../../lib/auth.ts";
import { newId } from "../../lib/ids.ts";
import { completionCode, maskAddress, maskPhone } from "../booking-rules.ts";
import type { ListingItem } from "../listings/item.ts";
import type { SessionTimes } from "../sessions/schedule.ts";

/** A booking as stored: the fields the view shows as they are, and what it keeps besides. */
export const BookingItem = z.extend(
  z.pick(Booking, {
    id: true,
    listingId: true,
    listingTitle: true,
    sessionId: true,
    startsAt: true,
    residentId: true,
    volunteerId: true,
    status: true,
    phone: true,
    hours: true,
    createdAt: true,
    acceptedAt: true,
    completedAt: true,
    cancelledAt: true,
    declinedAt: true,
    expiredAt: true,
    promotedAt: true,
    noShowAt: true,
    declineReason: true,
    bookedBy: true,
    needId: true,
  }),
  {
    // What the view shows differently: always stored, or absent on older items.
    residentName: z.string(),
    completionCode: z.string(),
    note: z._default(z.string(), ""),
    address: z._default(z.string(), ""),
    preferredTime: z._default(z.string(), ""),
    // Copied from the listing (and its session) when booked.
    endsAt: z.optional(z.string()),
    category: CategorySchema,
    community: z.string(),
    branch: z._default(z.string(), ""),
    kind: Kind,
    volunteerName: z.string(),
    /** How it entered: with a seat (requested) or on the waitlist; lets reconcile replay its history. */
    joinedAs: z.optional(z.enum(["requested", "waitlisted"])),
    codeFailures: z._default(z.number(), 0),
    /** When the last wrong 核销码 was typed (the one that locks completion tells the resident). */
    codeFailedAt: z.optional(z.string()),
    /** When it last became an open request (creation, or promotion from the waitlist). */
    openedAt: z.string(),
    completedBy: z.optional(z.enum(["volunteer", "resident"])),
    /** Who ended it: the resident (absent: older bookings), or the volunteer cancelling its session. */
    cancelledBy: z.optional(z.enum(["resident", "volunteer"])),
    cancelReason: z.optional(z.string()),
    reviewId: z.optional(z.string()),
    /**
     * The key of the read-only link a booker shares with family (128 random bits,
     * base64url; see share.ts). Never part of a Booking view.
     */
    shareKey: z.optional(z.string()),
    /** The time of the last transition: the stream projector dates derived figures by it. */
    updatedAt: z.string(),
    /**
     * The phone is proven to belong to the booking (trust and safety): the account's
     * verified phone, a family number it confirmed with a code, or a community
     * worker's registration. Settled when booked; only then do texts go to it.
     */
    phoneProven: z._default(z.boolean(), false),
    /** PIPL (privacy/anonymise.ts): when its contact (and, on erasure, its name) was removed. */
    anonymisedAt: z.optional(z.string()),
    /** The registry's note on the resident a community worker booked for (see toBookingView). */
    residentNote: z.optional(z.string()),
  },
);
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
export const scopeOf = (b: Pick<BookingItem, "listingId" | "sessionId" | "needId">) =>
  b.needId ? keys.needScope(b.needId) : keys.seatScope(b.listingId, b.sessionId);

export function newBookingItem(
  user: User,
  listing: BookedListing,
  input: BookingInput,
  status: "requested" | "waitlisted",
  now: Date,
  session?: SessionTimes,
  phoneProven = false,
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
    phoneProven,
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
    // Before acceptance a volunteer sees neither the note nor more than the phone's last 4 digits.
    note: open || b.acceptedAt !== undefined ? b.note : "",
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
    ...(b.needId ? { needId: b.needId } : {}),
    ...(b.residentNote && (!viewer.startsWith("volunteer") || b.acceptedAt)
      ? { residentNote: b.residentNote }
      : {}),
  };
}

function pick<K extends keyof BookingItem>(b: BookingItem, ks: K[]): Partial<Pick<BookingItem, K>> {
  const out: Partial<Pick<BookingItem, K>> = {};
  for (const k of ks) if (b[k] !== undefined) out[k] = b[k];
  return out;
}
