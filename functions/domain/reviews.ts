/**
 * Reviews: one per completed booking, by its resident; the volunteer replies once;
 * an admin hides abuse. Each is one small transaction on the review (and the
 * booking it rates); the ratings of the listing, the volunteer and the branch, the
 * dashboard and the notices follow from the table's stream.
 */

import { GetCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod/mini";
import { localMonth } from "../../shared/clock.ts";
import { keys } from "../../shared/keys.ts";
import type { Review } from "../../shared/schemas.ts";
import { CategorySchema } from "../../shared/schemas.ts";
import type { User } from "../lib/auth.ts";
import { decodeCursor, encodeCursor } from "../lib/cursor.ts";
import { ddb, TABLE_NAME } from "../lib/db.ts";
import { update, withCondition } from "../lib/expr.ts";
import { newId } from "../lib/ids.ts";
import { keyAttributes, queryPage } from "../lib/query.ts";
import { getBookingItem } from "./bookings/read.ts";
import { Conflict, NotFound, NotOwner } from "./errors.ts";
import { RETRY, type TaggedItem, transact, withRetries } from "./transact.ts";

export const ReviewItem = z.object({
  id: z.string(),
  bookingId: z.string(),
  listingId: z.string(),
  listingTitle: z.string(),
  volunteerId: z.string(),
  volunteerName: z.string(),
  branch: z._default(z.string(), ""),
  /** The rated listing's category and community (for the dashboard; absent on old reviews). */
  category: z.optional(CategorySchema),
  community: z.optional(z.string()),
  residentId: z.string(),
  residentName: z.string(),
  stars: z.number(),
  comment: z._default(z.string(), ""),
  /** The month the service was completed in (its ranking entries). */
  month: z.string(),
  reply: z.optional(z.string()),
  repliedAt: z.optional(z.string()),
  hidden: z.optional(z.boolean()),
  hiddenBy: z.optional(z.string()),
  hiddenReason: z.optional(z.string()),
  hiddenAt: z.optional(z.string()),
  createdAt: z.string(),
});
export type ReviewItem = z.infer<typeof ReviewItem>;

export function toReviewView(r: ReviewItem): Review {
  return {
    id: r.id,
    bookingId: r.bookingId,
    listingId: r.listingId,
    listingTitle: r.listingTitle,
    volunteerId: r.volunteerId,
    residentName: r.residentName,
    stars: r.stars,
    comment: r.comment,
    ...(r.reply !== undefined ? { reply: r.reply, repliedAt: r.repliedAt ?? r.createdAt } : {}),
    ...(r.hidden ? { hidden: true } : {}),
    createdAt: r.createdAt,
  };
}

export async function createReview(
  user: User,
  bookingId: string,
  input: { stars: number; comment?: string | undefined },
  now = new Date(),
): Promise<Review> {
  return withRetries(async () => {
    const b = await getBookingItem(bookingId);
    if (!b) throw new NotFound("预约");
    if (b.residentId !== user.id) throw new NotOwner("只能评价自己的预约");
    if (b.reviewId) throw new Conflict("ALREADY_REVIEWED", "这次服务已经评价过了");
    if (b.status !== "completed") throw new Conflict("NOT_COMPLETED", "服务完成后才能评价");
    const iso = now.toISOString();
    const r: ReviewItem = {
      id: newId("rv"),
      bookingId: b.id,
      listingId: b.listingId,
      listingTitle: b.listingTitle,
      volunteerId: b.volunteerId,
      volunteerName: b.volunteerName,
      branch: b.branch,
      category: b.category,
      community: b.community,
      residentId: b.residentId,
      residentName: b.residentName,
      stars: input.stars,
      comment: input.comment ?? "",
      month: localMonth(b.completedAt ?? iso),
      createdAt: iso,
    };
    const items: TaggedItem<"booking" | "review">[] = [
      {
        tag: "booking",
        Update: {
          TableName: TABLE_NAME,
          Key: keys.booking(b.id),
          ...withCondition(
            update({ set: { reviewId: r.id } }),
            "#status = :completed AND attribute_not_exists(#rid)",
            { "#status": "status", "#rid": "reviewId" },
            { ":completed": "completed" },
          ),
        },
      },
      {
        tag: "review",
        Put: {
          TableName: TABLE_NAME,
          Item: { ...keys.review(r.id), type: "review", ...r, ...keys.reviewIndexes(r) },
          ConditionExpression: "attribute_not_exists(pk)",
        },
      },
    ];
    const result = await transact(items);
    if (result.ok) return toReviewView(r);
    return RETRY;
  });
}

async function getReviewItem(id: string): Promise<ReviewItem | null> {
  const res = await ddb.send(
    new GetCommand({ TableName: TABLE_NAME, Key: keys.review(id), ConsistentRead: true }),
  );
  return res.Item ? ReviewItem.parse(res.Item) : null;
}

/** One conditional Update of a review; false when its condition failed. */
async function updateReview(
  id: string,
  parts: ReturnType<typeof update>,
  condition: string,
  names: Record<string, string>,
  values: Record<string, unknown> = {},
): Promise<boolean> {
  const result = await transact([
    {
      tag: "review",
      Update: {
        TableName: TABLE_NAME,
        Key: keys.review(id),
        ...withCondition(parts, `attribute_exists(pk) AND ${condition}`, names, values),
      },
    },
  ]);
  return result.ok;
}

/** The volunteer's one reply (a conditional write: a second reply is 409). */
export async function replyToReview(user: User, reviewId: string, text: string, now = new Date()) {
  const r = await getReviewItem(reviewId);
  if (!r) throw new NotFound("评价");
  if (r.volunteerId !== user.id) throw new NotOwner("只能回复对自己服务的评价");
  if (r.reply !== undefined) throw new Conflict("ALREADY_REPLIED", "每条评价只能回复一次");
  const iso = now.toISOString();
  const done = await updateReview(
    r.id,
    update({ set: { reply: text, repliedAt: iso } }),
    "attribute_not_exists(#r)",
    {
      "#r": "reply",
    },
  );
  if (!done) throw new Conflict("ALREADY_REPLIED", "每条评价只能回复一次");
  return toReviewView({ ...r, reply: text, repliedAt: iso });
}

/** Admin: hide a review, recording who/why/when; its stars leave every aggregate through the stream. */
export async function hideReview(
  admin: User,
  reviewId: string,
  reason: string | undefined,
  now = new Date(),
) {
  const r = await getReviewItem(reviewId);
  if (!r) throw new NotFound("评价");
  if (r.hidden) throw new Conflict("ALREADY_HIDDEN", "这条评价已经隐藏");
  const hidden = {
    hidden: true,
    hiddenBy: admin.id,
    hiddenReason: reason ?? "",
    hiddenAt: now.toISOString(),
  };
  const done = await updateReview(
    r.id,
    update({ set: hidden, remove: Object.keys(keys.reviewIndexes({ ...r, hidden: false })) }),
    "(attribute_not_exists(#h) OR #h = :false)",
    { "#h": "hidden" },
    { ":false": false },
  );
  if (!done) throw new Conflict("ALREADY_HIDDEN", "这条评价已经隐藏");
  return toReviewView({ ...r, ...hidden });
}

const REVIEW_KEYS = keyAttributes("gsi5");

/** A listing's visible reviews, newest first (hidden ones have left the index). */
export async function listingReviews(listingId: string, cursor?: string) {
  const start = decodeCursor(cursor, REVIEW_KEYS);
  const res = await queryPage({
    index: "gsi5",
    pk: keys.listingReviews(listingId),
    newestFirst: true,
    limit: 20,
    ...(start ? { start } : {}),
  });
  return {
    items: res.items.map((i) => toReviewView(ReviewItem.parse(i))),
    nextCursor: encodeCursor(res.lastKey),
  };
}
