/**
 * The signed-in person: profile, settings, notifications. Part of the HTTP contract's
 * schemas, which shared/schemas.ts gathers.
 */
import * as z from "zod/mini";
import { Community, Phone, Role, text } from "./common.ts";

export const Me = z.object({
  id: z.string(),
  name: z.string(),
  role: Role,
  phone: z.optional(z.string()),
  community: z.optional(z.string()),
  branch: z.optional(z.string()),
  /** Texts (SMS) about my bookings: on unless turned off. */
  sms: z.optional(z.boolean()),
});

export type Me = z.infer<typeof Me>;

export const MeUpdate = z
  .partial(z.strictObject({ name: text(1, 30), phone: Phone, community: Community, sms: z.boolean() }))
  .check(z.refine((p) => Object.keys(p).length > 0, { message: "没有要修改的内容" }));

export const Notification = z.object({
  id: z.string(),
  type: z.string(),
  bookingId: z.string(),
  listingTitle: z.string(),
  text: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
});

export type Notification = z.infer<typeof Notification>;
