/**
 * Fulfilment stats: counters the stream projector adds each booking change to
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
import { BatchGetCommand, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import type { CategorySlug } from "../../shared/categories.ts";
import { CATEGORIES, categoryName } from "../../shared/categories.ts";
import { keys } from "../../shared/keys.ts";
import type { BookingStatus, Counters, Stats, StatsRow } from "../../shared/schemas.ts";
import { ddb, TABLE_NAME } from "../lib/db.ts";
import { update } from "../lib/expr.ts";
import { queryAll } from "../lib/query.ts";
import { ValidationFailed } from "./errors.ts";
import { COMMUNITY_COUNT_PREFIX, communityCountAttr } from "./listings/item.ts";
import { NEVER } from "./projections/as-of.ts";

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

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000; // UTC+8, no daylight saving

/** The Asia/Shanghai calendar day (YYYY-MM-DD) of an instant. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The name a dimension value is shown under. */
export function valueName(dimension: string, value: string): string {
  if (dimension === "category") return categoryName(value) ?? value;
  if (dimension === "branch" && value === "") return "未填写支部";
  return value;
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
  const day = shanghaiDay(fact.at);
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

// ---------------------------------------------------------------- read side

export const MAX_RANGE_DAYS = 366;
export const DEFAULT_RANGE_DAYS = 30;
/** How many entries each unmet-demand list shows. */
export const UNMET_LIST_LIMIT = 20;

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** A calendar-valid YYYY-MM-DD (rejects 2025-02-30). */
function isCalendarDay(day: string): boolean {
  const n = dayNumber(day);
  return Number.isFinite(n) && dayOf(n) === day;
}

/** The days a dashboard read covers: defaults to the last 30 days; 400 when reversed or too long. */
export function statsRange(
  query: { from?: string; to?: string },
  now = new Date(),
): { from: string; to: string } {
  for (const [where, day] of [
    ["from", query.from],
    ["to", query.to],
  ] as const) {
    if (day !== undefined && !isCalendarDay(day))
      throw new ValidationFailed(`日期无效：${day}`, [{ in: "query", path: where, message: "无效的日期" }]);
  }
  const to =
    query.to ?? (query.from ? dayOf(dayNumber(query.from) + DEFAULT_RANGE_DAYS - 1) : shanghaiDay(now));
  const from = query.from ?? dayOf(dayNumber(to) - DEFAULT_RANGE_DAYS + 1);
  if (from > to)
    throw new ValidationFailed("开始日期不能晚于结束日期", [
      { in: "query", path: "from", message: "开始日期晚于结束日期" },
    ]);
  if (dayNumber(to) - dayNumber(from) + 1 > MAX_RANGE_DAYS)
    throw new ValidationFailed(`日期范围最多 ${MAX_RANGE_DAYS} 天`, [
      { in: "query", path: "to", message: `范围超过 ${MAX_RANGE_DAYS} 天` },
    ]);
  return { from, to };
}

export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let n = dayNumber(from); n <= dayNumber(to); n++) out.push(dayOf(n));
  return out;
}

/** The raw sums a counter item (or a sum of them) holds. */
export type Sums = Record<string, number>;

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);

function addInto(target: Sums, item: Record<string, unknown>) {
  for (const [k, v] of Object.entries(item)) if (typeof v === "number") target[k] = (target[k] ?? 0) + v;
}

/**
 * The q-quantile (0..1) of the hours-to-accept histogram, interpolated linearly
 * within the bucket it falls in; null when nothing was accepted with a timing.
 */
export function histogramQuantile(sums: Sums, q: number): number | null {
  const counts = Array.from({ length: ACCEPT_BUCKETS.length + 1 }, (_, i) =>
    Math.max(0, num(sums[bucketAttr(i)])),
  );
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = q * total;
  let cum = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] as number;
    if (c > 0 && cum + c >= rank) {
      const lo = i === 0 ? 0 : (ACCEPT_BUCKETS[i - 1] as number);
      const hi = i < ACCEPT_BUCKETS.length ? (ACCEPT_BUCKETS[i] as number) : lo;
      return round(lo + ((hi - lo) * (rank - cum)) / c, 1);
    }
    cum += c;
  }
  return null;
}

const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** The public counters of a sum of counter items. */
export function toCounters(s: Sums): Counters {
  const completed = num(s.completed);
  const outcomes = completed + num(s.declined) + num(s.cancelled) + num(s.expired);
  const ratingCount = num(s.ratingCount);
  return {
    requested: num(s.requested),
    accepted: num(s.accepted),
    completed,
    declined: num(s.declined),
    cancelled: num(s.cancelled),
    expired: num(s.expired),
    waitlisted: num(s.waitlisted),
    promoted: num(s.promoted),
    hoursServed: round(num(s.hoursServed), 1),
    fulfilmentRate: outcomes > 0 ? round(completed / outcomes, 3) : null,
    medianHoursToAccept: histogramQuantile(s, 0.5),
    p90HoursToAccept: histogramQuantile(s, 0.9),
    ratingAvg: ratingCount > 0 ? round(num(s.ratingSum) / ratingCount, 2) : null,
    ratingCount,
    noShow: num(s.noShow),
    sessionsHeld: num(s.sessionsHeld),
    fillRate: num(s.seatsOffered) > 0 ? round(num(s.seatsFilled) / num(s.seatsOffered), 3) : null,
  };
}

/** A counter item: a dimension value's (`value`) or a search miss's (`q`) counts of one day. */
const CounterItem = z.looseObject({
  day: z.string(),
  value: z.string().default(""),
  q: z.string().default(""),
});

/** Sum counter items by a key, keeping each group's first item for its labels. */
function groupSums(items: Record<string, unknown>[], keyOf: (i: z.infer<typeof CounterItem>) => string) {
  const groups = new Map<string, Sums>();
  for (const raw of items) {
    const item = CounterItem.parse(raw);
    const k = keyOf(item);
    let sums = groups.get(k);
    if (!sums) {
      sums = {};
      groups.set(k, sums);
    }
    addInto(sums, item);
  }
  return groups;
}

const byRequestsThenName = (a: StatsRow, b: StatsRow) =>
  b.requested + b.waitlisted - (a.requested + a.waitlisted) || a.name.localeCompare(b.name, "zh-CN");

/**
 * The dashboard for a date range, read from the counters only: one Query per
 * dimension partition, one for the unmet-demand listings, one for the waitlists,
 * one for the search misses and one BatchGetItem of the live counts and the
 * projections' asOf, all in parallel.
 */
export async function readStats(query: { from?: string; to?: string }, now = new Date()): Promise<Stats> {
  const { from, to } = statsRange(query, now);
  const range = keys.statsRange(from, to);
  const months = keys.statsRange(from.slice(0, 7), to.slice(0, 7));
  const [category, community, branch, unmet, waitlists, misses, singles] = await Promise.all([
    queryAll({ pk: keys.statsDimension("category"), sk: { between: [range.start, range.end] } }),
    queryAll({ pk: keys.statsDimension("community"), sk: { between: [range.start, range.end] } }),
    queryAll({ pk: keys.statsDimension("branch"), sk: { between: [range.start, range.end] } }),
    queryAll({ pk: keys.statsDimension(UNMET_DIMENSION), sk: { between: [months.start, months.end] } }),
    queryAll({
      pk: keys.waitlistPartition(),
      where: { expression: "#w > :zero", names: { "#w": "waitlistCount" }, values: { ":zero": 0 } },
    }),
    queryAll({ pk: keys.searchMissPartition(), sk: { between: [months.start, months.end] } }),
    ddb.send(
      new BatchGetCommand({
        RequestItems: { [TABLE_NAME]: { Keys: [keys.categoryCounts(), keys.projectionsAsOf()] } },
      }),
    ),
  ]);
  const single = (k: { pk: string; sk: string }) =>
    singles.Responses?.[TABLE_NAME]?.find((i) => i.pk === k.pk && i.sk === k.sk);
  const live = { Item: single(keys.categoryCounts()) };
  const asOfItem = single(keys.projectionsAsOf());
  const asOf = typeof asOfItem?.asOf === "string" ? asOfItem.asOf : NEVER;

  const rows = (dimension: Dimension, items: Record<string, unknown>[]): StatsRow[] =>
    [...groupSums(items, (i) => i.value)].map(([value, sums]) => ({
      key: value,
      name: valueName(dimension, value),
      ...toCounters(sums),
    }));

  const totals: Sums = {};
  for (const item of category) addInto(totals, item);
  const perDay = groupSums(category, (i) => i.day);
  const perCategory = new Map(rows("category", category).map((r) => [r.key, r]));

  const liveCounts = z.record(z.string(), z.unknown()).parse(live.Item ?? {});
  const byCommunity = rows("community", community).sort(byRequestsThenName);
  const knownCommunities = new Set([
    ...Object.keys(liveCounts)
      .filter((k) => k.startsWith(COMMUNITY_COUNT_PREFIX))
      .map((k) => k.slice(COMMUNITY_COUNT_PREFIX.length)),
    ...byCommunity.map((r) => r.key),
  ]);

  return {
    from,
    to,
    asOf,
    totals: toCounters(totals),
    byCategory: CATEGORIES.map(
      (c) => perCategory.get(c.slug) ?? { key: c.slug, name: c.name, ...toCounters({}) },
    ),
    byCommunity,
    byBranch: rows("branch", branch).sort(byRequestsThenName),
    byDay: daysBetween(from, to).map((day) => ({
      key: day,
      name: day,
      ...toCounters(perDay.get(day) ?? {}),
    })),
    unmet: {
      months: { from: from.slice(0, 7), to: to.slice(0, 7) },
      searchMisses: [...groupSums(misses, (i) => i.q)]
        .map(([q, s]) => ({ q, count: num(s.count) }))
        .sort((a, b) => b.count - a.count || a.q.localeCompare(b.q, "zh-CN"))
        .slice(0, UNMET_LIST_LIMIT),
      waitlists: waitlists
        .map((w) => ({
          listingId: String(w.listingId),
          title: String(w.title),
          waitlistCount: num(w.waitlistCount),
        }))
        .sort((a, b) => b.waitlistCount - a.waitlistCount || a.title.localeCompare(b.title, "zh-CN"))
        .slice(0, UNMET_LIST_LIMIT),
      expiredOrDeclined: unmetListings(unmet),
      emptyCategories: CATEGORIES.filter((c) => num(liveCounts[c.slug]) <= 0).map((c) => ({
        key: c.slug,
        name: c.name,
      })),
      emptyCommunities: [...knownCommunities]
        .filter((c) => num(liveCounts[communityCountAttr(c)]) <= 0)
        .sort((a, b) => a.localeCompare(b, "zh-CN")),
    },
  };
}

function unmetListings(items: Record<string, unknown>[]): Stats["unmet"]["expiredOrDeclined"] {
  const labels = new Map<string, Record<string, unknown>>();
  for (const i of items) labels.set(String(i.value), i);
  return [...groupSums(items, (i) => i.value)]
    .map(([listingId, s]) => {
      const l = labels.get(listingId) ?? {};
      return {
        listingId,
        title: String(l.title ?? ""),
        category: String(l.category ?? ""),
        community: String(l.community ?? ""),
        declined: num(s.declined),
        expired: num(s.expired),
      };
    })
    .sort(
      (a, b) => b.declined + b.expired - (a.declined + a.expired) || a.title.localeCompare(b.title, "zh-CN"),
    )
    .slice(0, UNMET_LIST_LIMIT);
}
