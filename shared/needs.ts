/**
 * Needs (群众点单, API.md v1.2 "Needs"): what a resident asks for when no listing
 * fits, the need board, claim (接单), dispatch (派单), release and cancel. A claimed
 * need becomes an ordinary booking (`Booking.needId`).
 */
import * as z from "zod";
import { Booking, CategorySchema, Cursor, Id, onBehalfOfRule, Phone } from "./schemas.ts";
import { Day } from "./sessions.ts";

const text = (min: number, max: number) =>
  z
    .string()
    .transform((s) => s.trim())
    .refine((s) => [...s].length >= min, { message: `至少 ${min} 个字` })
    .refine((s) => [...s].length <= max, { message: `最多 ${max} 个字` });

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
    description: text(0, NEED_DESCRIPTION_MAX).optional(),
    community: text(2, 30),
    mode: NeedMode,
    when: NeedWhen.optional(),
    /** The resident's phone (required unless a worker posts with onBehalfOf). */
    phone: Phone.optional(),
    address: text(0, 120).optional(),
    /** A community worker posts for this registered resident; phone and address are the registry's. */
    onBehalfOf: Id.optional(),
  })
  .superRefine(onBehalfOfRule("发布"))
  .meta({ id: "NeedInput" });
export type NeedInput = z.infer<typeof NeedInput>;

const Person = z.object({ id: z.string(), name: z.string() });

export const Need = z
  .object({
    id: z.string(),
    category: CategorySchema,
    title: z.string(),
    description: z.string(),
    community: z.string(),
    mode: NeedMode,
    when: NeedWhen.optional(),
    status: NeedStatus,
    createdAt: z.string(),
    /** Masked (陈**) on the board; in full for the resident, the claimer and the worker who posted it. */
    residentName: z.string(),
    bookedBy: Person.extend({ role: z.literal("staff") }).optional(),
    claimedBy: Person.optional(),
    bookingId: z.string().optional(),
    claimedAt: z.string().optional(),
    fulfilledAt: z.string().optional(),
    cancelledAt: z.string().optional(),
    expiredAt: z.string().optional(),
    /** Hours the need has been waiting (open ones; for the staff board). */
    waitingHours: z.number().optional(),
    /** Shown to the community's workers (open 24 h and more). */
    escalatedAt: z.string().optional(),
    hidden: z.boolean().optional(),
    /** Contact: only for the resident, the worker who posted it and the claimer. */
    phone: z.string().optional(),
    address: z.string().optional(),
  })
  .meta({ id: "Need" });
export type Need = z.infer<typeof Need>;

export const NeedQuery = z.object({
  community: text(2, 30).optional(),
  category: CategorySchema.optional(),
  status: NeedStatus.optional(),
  cursor: Cursor.optional(),
});
export type NeedQuery = z.infer<typeof NeedQuery>;
export const MyNeedsQuery = z.object({ cursor: Cursor.optional() });

export const NeedClaim = z.object({ need: Need, booking: Booking }).meta({ id: "NeedClaim" });
export type NeedClaim = z.infer<typeof NeedClaim>;
export const AssignInput = z.strictObject({ volunteerId: Id });
export const ReleaseInput = z.strictObject({ reason: text(1, 200) });
export const NeedHideInput = z.strictObject({ reason: text(1, 200) });
