/**
 * Bookings (加入该项目 and what follows), a session's roster, the community calendar,
 * contact reveals. Part of the HTTP contract's schemas, which shared/schemas.ts
 * gathers.
 */
import * as z from "zod/mini";
import { Day, Session } from "../sessions.ts";
import { CategorySchema, Cursor, Id, Mode, Phone, text } from "./common.ts";

export const BookingStatus = z.enum([
  "requested",
  "accepted",
  "completed",
  "waitlisted",
  "declined",
  "cancelled",
  "expired",
  /** 居民未到: the volunteer came (or waited) and the resident did not. */
  "no_show",
]);

export type BookingStatus = z.infer<typeof BookingStatus>;

/**
 * A resident's own body carries her phone; a community worker's carries `onBehalfOf`
 * instead, and the registry's phone and address are used (bookings and needs alike).
 */
// @__NO_SIDE_EFFECTS__
export function onBehalfOfRule(act: string) {
  return (
    b: { onBehalfOf?: string | undefined; phone?: string | undefined; address?: string | undefined },
    ctx: z.core.$RefinementCtx,
  ) => {
    if (b.onBehalfOf === undefined && b.phone === undefined)
      ctx.addIssue({ code: "custom", path: ["phone"], message: "请填写电话号码" });
    if (b.onBehalfOf !== undefined)
      for (const k of ["phone", "address"] as const)
        if (b[k] !== undefined)
          ctx.addIssue({ code: "custom", path: [k], message: `代居民${act}时使用登记的电话和地址` });
  };
}

export const BookingInput = z
  .strictObject({
    /** The phone texts go to (the resident's own, or a family member's: 为家人预约). Required unless onBehalfOf. */
    phone: z.optional(Phone),
    address: z.optional(text(0, 120)),
    preferredTime: z.optional(text(0, 60)),
    note: z.optional(text(0, 300)),
    /** The session booked, on a scheduled listing (required there). */
    sessionId: z.optional(z.string().check(z.regex(/^\d{8}-\d{4}$/, "无效的场次"))),
    /** A community worker books for this registered resident; phone and address are the registry's. */
    onBehalfOf: z.optional(Id),
  })
  .check(z.superRefine(onBehalfOfRule("预约")));

export type BookingInput = z.infer<typeof BookingInput>;

export const Booking = z.object({
  id: z.string(),
  listingId: z.string(),
  listingTitle: z.string(),
  /** The session booked and its start, on a scheduled listing. */
  sessionId: z.optional(z.string()),
  startsAt: z.optional(z.string()),
  residentId: z.string(),
  residentName: z.optional(z.string()),
  volunteerId: z.string(),
  status: BookingStatus,
  waitlistPosition: z.optional(z.int()),
  note: z.string(),
  phone: z.string(),
  address: z.string(),
  preferredTime: z.string(),
  hours: z.optional(z.number()),
  /** When the request reached the API: orders the waitlist (first come, first served). */
  createdAt: z.string(),
  acceptedAt: z.optional(z.string()),
  completedAt: z.optional(z.string()),
  cancelledAt: z.optional(z.string()),
  declinedAt: z.optional(z.string()),
  expiredAt: z.optional(z.string()),
  promotedAt: z.optional(z.string()),
  noShowAt: z.optional(z.string()),
  declineReason: z.optional(z.string()),
  completionCode: z.optional(z.string()),
  reviewed: z.optional(z.boolean()),
  /** Needs (群众点单): the need this booking serves (a claimed need has no listing: listingId is ""). */
  needId: z.optional(z.string()),
  /** Made by a community worker on the resident's behalf. */
  bookedBy: z.optional(
    z.object({
      id: z.string(),
      name: z.string(),
      role: z.literal("staff"),
      /** The worker's community (bookings made before it was recorded have none). */
      community: z.optional(z.string()),
    }),
  ),
  /**
   * Trust and safety (issue 19.4), to the volunteer only: how many seats this resident
   * gave back within 2 h of the start. Shown on the card; it never stops a booking.
   */
  residentLateCancels: z.optional(z.int()),
  // journeys: what the community worker wrote when registering the resident (耳背，独居…);
  // to the volunteer once accepted, like the address
  residentNote: z.optional(z.string()),
});

export type Booking = z.infer<typeof Booking>;

/**
 * The 居委会 of a booking, whose phone the slip and the family page give: the
 * community of the worker who made it, else the booking's (its listing's) community.
 */
export const committeeOf = (b: {
  bookedBy?: { community?: string | undefined } | undefined;
  community: string;
}): string => b.bookedBy?.community ?? b.community;

/** A session's roster for its volunteer: the listing's title, the session, its bookings in arrival order (contact masked until revealed). */
export const Roster = z.object({ listingTitle: z.string(), session: Session, items: z.array(Booking) });

export type Roster = z.infer<typeof Roster>;

/** GET /api/calendar: a community's sessions and events, day by day (two weeks by default). */
export const CalendarQuery = z.object({
  community: z.string().check(z.trim(), z.minLength(2), z.maxLength(30)),
  from: z.optional(Day),
  to: z.optional(Day),
});

export type CalendarQuery = z.infer<typeof CalendarQuery>;

export const CalendarItem = z.object({
  listingId: z.string(),
  title: z.string(),
  category: CategorySchema,
  mode: Mode,
  volunteerName: z.string(),
  /** Absent for a one-off event. */
  sessionId: z.optional(z.string()),
  startsAt: z.string(),
  endsAt: z.optional(z.string()),
  capacity: z.int(),
  seatsTaken: z.int(),
  waitlistCount: z.int(),
});

export type CalendarItem = z.infer<typeof CalendarItem>;

export const CalendarList = z.object({ from: z.string(), to: z.string(), items: z.array(CalendarItem) });

export const Hours = z.number().check(
  z.gte(0.5),
  z.lte(12),
  z.refine((h) => Number.isInteger(h * 2), { message: "时长以半小时为单位" }),
);

export const DeclineInput = z.strictObject({ reason: text(1, 200) });

export const CompleteInput = z.strictObject({
  hours: Hours,
  code: z.string().check(z.regex(/^\d{6}$/, "核销码是 6 位数字")),
});

export const ConfirmInput = z.strictObject({ hours: z.optional(Hours) });

export const BookingStatusQuery = z.object({ status: z.optional(BookingStatus), cursor: z.optional(Cursor) });

/** A volunteer's revealed contact for an accepted booking (each reveal is audited). */
export const Contact = z.object({ bookingId: z.string(), phone: z.string(), address: z.string() });

export const ContactRead = z.object({
  id: z.string(),
  volunteerId: z.string(),
  bookingId: z.string(),
  at: z.string(),
  /** How the volunteer saw it: `reveal` (POST /api/bookings/{id}/contact), `accept` or `complete`. */
  via: z.optional(z.string()),
});
