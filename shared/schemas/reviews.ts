/**
 * Reviews, replies and moderation. Part of the HTTP contract's schemas, which
 * shared/schemas.ts gathers.
 */
import * as z from "zod/mini";
import { text } from "./common.ts";

export const ReviewInput = z.strictObject({
  stars: z.int().check(z.gte(1), z.lte(5)),
  comment: z.optional(text(0, 500)),
});

export const ReplyInput = z.strictObject({ text: text(1, 500) });

export const HideInput = z.partial(z.strictObject({ reason: text(1, 200) }));

export const PauseInput = z.strictObject({ reason: text(1, 200) });

export const Review = z.object({
  id: z.string(),
  bookingId: z.string(),
  listingId: z.string(),
  listingTitle: z.optional(z.string()),
  volunteerId: z.string(),
  residentName: z.string(),
  stars: z.int(),
  comment: z.string(),
  reply: z.optional(z.string()),
  repliedAt: z.optional(z.string()),
  hidden: z.optional(z.boolean()),
  createdAt: z.string(),
});

export type Review = z.infer<typeof Review>;
