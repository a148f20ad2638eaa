/**
 * Needs (群众点单, API.md v1.2 "Needs"): what a resident asks for when no listing
 * fits, the need board, claim (接单), dispatch (派单), release and cancel. A claimed
 * need becomes an ordinary booking (`Booking.needId`).
 */
import * as z from "zod/mini";
import { Booking, CategorySchema, Cursor, Id, onBehalfOfRule, Phone, text } from "./schemas.ts";
import { Day } from "./sessions.ts";

/** A resident holds at most this many needs open or claimed at once (409 TOO_MANY_NEEDS). */
export const MAX_ACTIVE_NEEDS = 3;
/** An open need is shown to its community's workers (待派单) after this long… */
export const NEED_ESCALATE_AFTER_H = 24;
/** …and expires after this long open. */
export const NEED_EXPIRE_AFTER_H = 72;

export const NeedStatus = z.enum(["open", "claimed", "fulfilled", "cancelled", "expired"]);
export type NeedStatus = z.infer<typeof NeedStatus>;
export const NeedMode = z.enum(["door", "venue"]);
export const DayPart = z.enum(["morning", "afternoon", "evening", "any"]);
export const NeedWhen = z.strictObject({ date: Day, part: DayPart });
export type NeedWhen = z.infer<typeof NeedWhen>;

export const NEED_TITLE = { min: 2, max: 30 } as const;
export const NEED_DESCRIPTION_MAX = 300;

export const NeedInput = z
  .strictObject({
    category: CategorySchema,
    title: text(NEED_TITLE.min, NEED_TITLE.max),
    description: z.optional(text(0, NEED_DESCRIPTION_MAX)),
    community: text(2, 30),
    mode: NeedMode,
    when: z.optional(NeedWhen),
    /** The resident's phone (required unless a worker posts with onBehalfOf). */
    phone: z.optional(Phone),
    address: z.optional(text(0, 120)),
    /** A community worker posts for this registered resident; phone and address are the registry's. */
    onBehalfOf: z.optional(Id),
  })
  .check(z.superRefine(onBehalfOfRule("发布")));
export type NeedInput = z.infer<typeof NeedInput>;

const Person = z.object({ id: z.string(), name: z.string() });

export const Need = z.object({
  id: z.string(),
  category: CategorySchema,
  title: z.string(),
  description: z.string(),
  community: z.string(),
  mode: NeedMode,
  when: z.optional(NeedWhen),
  status: NeedStatus,
  createdAt: z.string(),
  /** Masked (陈**) on the board; in full for the resident, the claimer and the worker who posted it. */
  residentName: z.string(),
  bookedBy: z.optional(z.extend(Person, { role: z.literal("staff") })),
  claimedBy: z.optional(Person),
  bookingId: z.optional(z.string()),
  claimedAt: z.optional(z.string()),
  fulfilledAt: z.optional(z.string()),
  cancelledAt: z.optional(z.string()),
  expiredAt: z.optional(z.string()),
  /** Hours the need has been waiting (open ones; for the staff board). */
  waitingHours: z.optional(z.number()),
  /** Shown to the community's workers (open 24 h and more). */
  escalatedAt: z.optional(z.string()),
  hidden: z.optional(z.boolean()),
  /** Contact: only for the resident, the worker who posted it and the claimer. */
  phone: z.optional(z.string()),
  address: z.optional(z.string()),
});
export type Need = z.infer<typeof Need>;

export const NeedQuery = z.object({
  community: z.optional(text(2, 30)),
  category: z.optional(CategorySchema),
  status: z.optional(NeedStatus),
  cursor: z.optional(Cursor),
});
export type NeedQuery = z.infer<typeof NeedQuery>;
export const MyNeedsQuery = z.object({ cursor: z.optional(Cursor) });

export const NeedClaim = z.object({ need: Need, booking: Booking });
export type NeedClaim = z.infer<typeof NeedClaim>;
export const AssignInput = z.strictObject({ volunteerId: Id });
export const ReleaseInput = z.strictObject({ reason: text(1, 200) });
export const NeedHideInput = z.strictObject({ reason: text(1, 200) });
