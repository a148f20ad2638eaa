/**
 * Reviews: one per completed booking, by its resident; the listing's aggregates
 * (a catalogue sort key: versioned update) and the volunteer's and branch's move
 * in the same transaction. The volunteer replies once; an admin hides abuse, which
 * takes its stars back out, again in one transaction.
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import { keys } from "../../shared/keys.ts";
import type { Review } from "../../shared/schemas.ts";
import type { User } from "../lib/auth.ts";
import { decodeCursor, encodeCursor } from "../lib/cursor.ts";
import { ddb, TABLE_NAME } from "../lib/db.ts";
import { update } from "../lib/expr.ts";
import { keyAttributes, queryPage } from "../lib/query.ts";
import { type BookingItem, getBookingItem } from "./bookings.ts";
import { Conflict, NotFound, NotOwner } from "./errors.ts";
import { getListingItem, type ListingItem, newId, versionedUpdate } from "./listings.ts";
import { noticePut } from "./notifications.ts";
import { ratingUpdates, shanghaiMonth } from "./rankings.ts";
import { statsUpdates } from "./stats.ts";
import { RETRY, type TransactItem, transactOnce, withRetries } from "./transact.ts";

export const ReviewItem = z.object({
  id: z.string(),
  bookingId: z.string(),
  listingId: z.string(),
  listingTitle: z.string(),
  volunteerId: z.string(),
  volunteerName: z.string(),
  branch: z.string().default(""),
  residentId: z.string(),
  residentName: z.string(),
  stars: z.number(),
  comment: z.string().default(""),
  /** The month the service was completed in (its ranking entries). */
  month: z.string(),
  reply: z.string().optional(),
  repliedAt: z.string().optional(),
  hidden: z.boolean().optional(),
  hiddenBy: z.string().optional(),
  hiddenReason: z.string().optional(),
  hiddenAt: z.string().optional(),
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

/** The listing's rating moved by `stars` (negative with count −1 to take a review back). */
function listingRating(listing: ListingItem, stars: number, count: 1 | -1): TransactItem {
  const next: ListingItem = {
    ...listing,
    ratingSum: listing.ratingSum + stars,
    ratingCount: Math.max(0, listing.ratingCount + count),
  };
  return { Update: versionedUpdate(listing, next) };
}

function ratingOf(b: BookingItem | ReviewItem, month: string, stars: number, count: 1 | -1) {
  return ratingUpdates({
    volunteerId: b.volunteerId,
    volunteerName: b.volunteerName,
    branch: b.branch,
    month,
    stars,
    count,
  });
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
    const listing = await getListingItem(b.listingId, true);
    if (!listing) throw new NotFound("服务");
    const iso = now.toISOString();
    const r: ReviewItem = {
      id: newId("rv"),
      bookingId: b.id,
      listingId: b.listingId,
      listingTitle: b.listingTitle,
      volunteerId: b.volunteerId,
      volunteerName: b.volunteerName,
      branch: b.branch,
      residentId: b.residentId,
      residentName: b.residentName,
      stars: input.stars,
      comment: input.comment ?? "",
      month: shanghaiMonth(new Date(b.completedAt ?? iso)),
      createdAt: iso,
    };
    const items: TransactItem[] = [
      {
        Update: {
          TableName: TABLE_NAME,
          Key: keys.booking(b.id),
          UpdateExpression: "SET #rid = :rid, #u = :now",
          ConditionExpression: "#status = :completed AND attribute_not_exists(#rid)",
          ExpressionAttributeNames: { "#rid": "reviewId", "#u": "updatedAt", "#status": "status" },
          ExpressionAttributeValues: { ":rid": r.id, ":now": iso, ":completed": "completed" },
        },
      },
      {
        Put: {
          TableName: TABLE_NAME,
          Item: { ...keys.review(r.id), type: "review", ...r, ...keys.reviewIndexes(r) },
          ConditionExpression: "attribute_not_exists(pk)",
        },
      },
      listingRating(listing, r.stars, 1),
      ...ratingOf(b, r.month, r.stars, 1),
      noticePut({
        to: { id: b.volunteerId, role: "volunteer" },
        type: "reviewed",
        bookingId: b.id,
        facts: {
          title: b.listingTitle,
          residentName: b.residentName,
          volunteerName: b.volunteerName,
          stars: r.stars,
        },
        at: now,
      }),
      ...statsUpdates({
        event: "reviewed",
        at: now,
        category: b.category,
        community: b.community,
        branch: b.branch,
        listingId: b.listingId,
        listingTitle: b.listingTitle,
        stars: r.stars,
      }),
    ];
    const result = await transactOnce(items);
    return result.ok ? toReviewView(r) : RETRY;
  });
}

async function getReviewItem(id: string): Promise<ReviewItem | null> {
  const res = await ddb.send(
    new GetCommand({ TableName: TABLE_NAME, Key: keys.review(id), ConsistentRead: true }),
  );
  return res.Item ? ReviewItem.parse(res.Item) : null;
}

/** The volunteer's one reply (a conditional write: a second reply is 409). */
export async function replyToReview(user: User, reviewId: string, text: string, now = new Date()) {
  const r = await getReviewItem(reviewId);
  if (!r) throw new NotFound("评价");
  if (r.volunteerId !== user.id) throw new NotOwner("只能回复对自己服务的评价");
  if (r.reply !== undefined) throw new Conflict("ALREADY_REPLIED", "每条评价只能回复一次");
  const iso = now.toISOString();
  const result = await transactOnce([
    {
      Update: {
        TableName: TABLE_NAME,
        Key: keys.review(r.id),
        UpdateExpression: "SET #reply = :reply, #at = :at",
        ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(#reply)",
        ExpressionAttributeNames: { "#reply": "reply", "#at": "repliedAt" },
        ExpressionAttributeValues: { ":reply": text, ":at": iso },
      },
    },
    noticePut({
      to: { id: r.residentId, role: "resident" },
      type: "replied",
      bookingId: r.bookingId,
      facts: { title: r.listingTitle, residentName: r.residentName, volunteerName: r.volunteerName },
      at: now,
    }),
  ]);
  if (!result.ok) throw new Conflict("ALREADY_REPLIED", "每条评价只能回复一次");
  return toReviewView({ ...r, reply: text, repliedAt: iso });
}

/** Admin: hide a review, recording who/why/when, and take its stars out of every aggregate. */
export async function hideReview(
  admin: User,
  reviewId: string,
  reason: string | undefined,
  now = new Date(),
) {
  return withRetries(async () => {
    const r = await getReviewItem(reviewId);
    if (!r) throw new NotFound("评价");
    if (r.hidden) throw new Conflict("ALREADY_HIDDEN", "这条评价已经隐藏");
    const listing = await getListingItem(r.listingId, true);
    const iso = now.toISOString();
    const parts = update({
      set: { hidden: true, hiddenBy: admin.id, hiddenReason: reason ?? "", hiddenAt: iso },
      remove: ["gsi5pk", "gsi5sk"],
    });
    const items: TransactItem[] = [
      {
        Update: {
          TableName: TABLE_NAME,
          Key: keys.review(r.id),
          ...parts,
          ConditionExpression: "attribute_exists(pk) AND (attribute_not_exists(#hidden) OR #hidden = :false)",
          ExpressionAttributeValues: { ...parts.ExpressionAttributeValues, ":false": false },
        },
      },
      ...(listing ? [listingRating(listing, -r.stars, -1)] : []),
      ...ratingOf(r, r.month, -r.stars, -1),
      ...(listing
        ? statsUpdates({
            event: "reviewHidden",
            at: new Date(r.createdAt),
            category: listing.category,
            community: listing.community,
            branch: listing.volunteerBranch,
            listingId: listing.id,
            listingTitle: listing.title,
            stars: r.stars,
          })
        : []),
    ];
    const result = await transactOnce(items);
    return result.ok
      ? toReviewView({ ...r, hidden: true, hiddenBy: admin.id, hiddenReason: reason ?? "", hiddenAt: iso })
      : RETRY;
  });
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
