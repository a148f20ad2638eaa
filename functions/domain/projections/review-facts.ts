/**
 * What one change of a review means (facts.ts says it for bookings): its stars on the
 * listing, the ranking entries and the dashboard (taken back when the review is
 * hidden), and the notices of a new review and of the volunteer's reply. Pure, like
 * the rest of the projection.
 */
import { derivedId } from "../../lib/ids.ts";
import { noticeItem } from "../notifications.ts";
import { rankEntries } from "../rankings.ts";
import { ReviewItem } from "../reviews.ts";
import { statsChanges } from "../stats/counters.ts";
import type { Change, Effect, Image } from "./facts.ts";

function parseReview(image: Image | undefined): ReviewItem | undefined {
  if (!image) return undefined;
  const parsed = ReviewItem.safeParse(image);
  return parsed.success ? parsed.data : undefined;
}

/** The stars of a review on the listing, the ranking entries and the dashboard (sign −1 takes them back). */
function stars(r: ReviewItem, sign: 1 | -1): Effect[] {
  const entries = rankEntries({
    volunteerId: r.volunteerId,
    volunteerName: r.volunteerName,
    branch: r.branch,
    month: r.month,
  });
  const add = { ratingSum: sign * r.stars, ratingCount: sign };
  const dashboard =
    r.category && r.community !== undefined
      ? statsChanges({
          event: sign > 0 ? "reviewed" : "reviewHidden",
          at: new Date(r.createdAt),
          category: r.category,
          community: r.community,
          branch: r.branch,
          listingId: r.listingId,
          listingTitle: r.listingTitle,
          stars: r.stars,
        }).map((c): Effect => ({ kind: "count", key: c.Key, set: c.set, add: c.add }))
      : [];
  return [
    // A review of a need's booking has no listing to rate.
    ...(r.listingId ? [{ kind: "listing" as const, listingId: r.listingId, add }] : []),
    ...entries.map((entry): Effect => ({ kind: "rank", entry, add })),
    ...dashboard,
  ];
}

export function reviewEffects(change: Change): Effect[] {
  const now = parseReview(change.new);
  if (!now) return [];
  const old = parseReview(change.old);
  const facts = { title: now.listingTitle, residentName: now.residentName, volunteerName: now.volunteerName };
  if (!old) {
    const id = derivedId("n", change.id, "volunteer", "reviewed");
    return [
      ...(now.hidden ? [] : stars(now, 1)),
      {
        kind: "put",
        item: noticeItem(
          {
            to: { id: now.volunteerId, role: "volunteer" },
            type: "reviewed",
            bookingId: now.bookingId,
            facts: { ...facts, stars: now.stars },
            at: now.createdAt,
          },
          id,
        ),
      },
    ];
  }
  const effects: Effect[] = [];
  if (old.reply === undefined && now.reply !== undefined) {
    const id = derivedId("n", change.id, "resident", "replied");
    effects.push({
      kind: "put",
      item: noticeItem(
        {
          to: { id: now.residentId, role: "resident" },
          type: "replied",
          bookingId: now.bookingId,
          facts,
          at: now.repliedAt ?? now.createdAt,
        },
        id,
      ),
    });
  }
  if (!old.hidden && now.hidden) effects.push(...stars(now, -1));
  return effects;
}
