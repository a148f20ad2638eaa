/**
 * Fulfilment stats, write side: the counters the stream projector adds each booking change to
 * (write side, `statsChanges`, applied by projections/apply.ts), read for a date
 * range by the district dashboard without ever touching a booking (read side,
 * `readStats`, with the `asOf` instant up to which every change is counted).
 *
 * Layout (all keys from shared/keys.ts):
 * - one counter item per dimension value and day: partitions `STATS#category`,
 *   `STATS#community`, `STATS#branch`, sort key `<day>#<value>`; a range of days
 *   is one Query per dimension, so a read costs the same whatever the number of
 *   bookings (it grows only with days × distinct values).
 * - totals and the trend by day are sums of the category items (every booking has
 *   exactly one category), so no single hot "total" item takes every write.
 * - `STATS#listing` items count only declines and expiries per listing and
 *   month (the unmet-demand list: months, so its size is bounded by months ×
 *   listings); `WAITLISTS` items gauge each listing's waitlist now. Search misses
 *   (search-misses.ts) are per month too.
 * - hours-to-accept is a histogram of fixed buckets (`a0`…`a14`), so the median
 *   and p90 of any range come from counters.
 */

import type { TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import type { CategorySlug } from "../../../shared/categories.ts";
import { localDay } from "../../../shared/clock.ts";
import { keys } from "../../../shared/keys.ts";
import type { BookingStatus } from "../../../shared/schemas.ts";
import { TABLE_NAME } from "../../lib/db.ts";
import { update } from "../../lib/expr.ts";

export type StatEvent =
  | "requested"
  | "waitlisted"
  | "accepted"
  | "completed"
  | "declined"
  | "cancelled"
  | "expired"
  | "promoted"
  | "reviewed"
  /** An admin hid a review: its stars leave the rating counters of the day it was given. */
  | "reviewHidden"
  /** The volunteer marked an accepted booking 居民未到. */
  | "noShow";

export interface StatFact {
  event: StatEvent;
  /** When the transition happened; the day bucket is the Asia/Shanghai calendar day. */
  at: Date;
  /** The listing's category. */
  category: CategorySlug;
  /** The listing's community. */
  community: string;
  /** The volunteer's party branch (listing.volunteerBranch; may be ""). */
  branch: string;
  listingId: string;
  listingTitle: string;
  /** The booking's status before (e.g. cancelled from "waitlisted" vs from "accepted"). */
  from?: BookingStatus;
  /** completed: hours served. */
  hours?: number;
  /** accepted: hours between the request (or promotion from the waitlist) and acceptance. */
  hoursToAccept?: number;
  /** reviewed: 1-5. */
  stars?: number;
}

export const DIMENSIONS = ["category", "community", "branch"] as const;
export type Dimension = (typeof DIMENSIONS)[number];
/** The partition of per-listing unmet-demand counters (declines and expiries). */
export const UNMET_DIMENSION = "listing";

/** Upper bounds (hours) of the hours-to-accept buckets; the last bucket is open-ended. */
export const ACCEPT_BUCKETS = [0.25, 0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24, 36, 48, 72] as const;
export const bucketAttr = (i: number) => `a${i}`;

export function acceptBucket(hours: number): number {
  const h = Number.isFinite(hours) ? Math.max(0, hours) : 0;
  const i = ACCEPT_BUCKETS.findIndex((upper) => h <= upper);
  return i === -1 ? ACCEPT_BUCKETS.length : i;
}

/** The counter increments one fact makes on each of its counter items. */
export function counterDelta(fact: StatFact): Record<string, number> {
  const add: Record<string, number> = { [fact.event]: 1 };
  switch (fact.event) {
    case "completed":
      if (fact.hours !== undefined && Number.isFinite(fact.hours) && fact.hours > 0)
        add.hoursServed = fact.hours;
      break;
    case "accepted":
      if (fact.hoursToAccept !== undefined) {
        add.acceptTimed = 1;
        add[bucketAttr(acceptBucket(fact.hoursToAccept))] = 1;
      }
      break;
    case "reviewed":
      if (fact.stars !== undefined && fact.stars >= 1 && fact.stars <= 5) {
        add.ratingSum = fact.stars;
        add.ratingCount = 1;
      }
      break;
    case "reviewHidden":
      if (fact.stars !== undefined && fact.stars >= 1 && fact.stars <= 5) {
        add.ratingSum = -fact.stars;
        add.ratingCount = -1;
      }
      break;
    case "cancelled":
      if (fact.from) add[`cancelledFrom_${fact.from}`] = 1;
      break;
  }
  return add;
}

type TransactUpdate = NonNullable<NonNullable<TransactWriteCommandInput["TransactItems"]>[number]["Update"]>;
/** One TransactWriteItems entry (assignable to `{ Update: Record<string, unknown> }`). */
export type Update = { Update: TransactUpdate };

/** Whether the fact takes someone off a listing's waitlist. */
const leavesWaitlist = (fact: StatFact) =>
  fact.event === "promoted" || (fact.from === "waitlisted" && fact.event !== "waitlisted");

/** One counter item's change: its key, the labels it SETs and the counters it ADDs. */
export interface CounterChange {
  Key: { pk: string; sk: string };
  set: Record<string, string>;
  add: Record<string, number>;
}

/** The counter changes one fact makes (what statsUpdates writes; the benchmark aggregates them). */
export function statsChanges(fact: StatFact): CounterChange[] {
  const day = localDay(fact.at);
  const add = counterDelta(fact);
  const values: Record<Dimension, string> = {
    category: fact.category,
    community: fact.community,
    branch: fact.branch,
  };
  const changes: CounterChange[] = DIMENSIONS.map((dimension) => ({
    Key: keys.statsDay(dimension, day, values[dimension]),
    set: { day, value: values[dimension] },
    add,
  }));
  if (fact.event === "declined" || fact.event === "expired") {
    const month = day.slice(0, 7);
    changes.push({
      Key: keys.statsDay(UNMET_DIMENSION, month, fact.listingId),
      set: {
        day: month,
        value: fact.listingId,
        title: fact.listingTitle,
        category: fact.category,
        community: fact.community,
      },
      add: { [fact.event]: 1 },
    });
  }
  const gauge = fact.event === "waitlisted" ? 1 : leavesWaitlist(fact) ? -1 : 0;
  if (gauge !== 0) {
    changes.push({
      Key: keys.waitlistGauge(fact.listingId),
      set: { listingId: fact.listingId, title: fact.listingTitle },
      add: { waitlistCount: gauge },
    });
  }
  return changes;
}

/**
 * The DynamoDB Update items (for TransactWriteItems: [{ Update: {...} }, …]) that
 * count one fact. Pure, no I/O; at most 6 items (3 dimensions, 1 unmet-demand
 * counter for declines/expiries, 1 waitlist gauge).
 */
export function statsUpdates(fact: StatFact): Update[] {
  return statsChanges(fact).map((c) => ({
    Update: { TableName: TABLE_NAME, Key: c.Key, ...update({ set: c.set, add: c.add }) },
  }));
}
