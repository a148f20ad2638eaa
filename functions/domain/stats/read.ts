/**
 * Fulfilment stats, read side: the dashboard for a date range from the counters
 * alone (counters.ts says how they are laid out), never from the bookings.
 */
import * as z from "zod/mini";
import { CATEGORIES, categoryName } from "../../../shared/categories.ts";
import { keys } from "../../../shared/keys.ts";
import type { Counters, NeedFigures, Stats, StatsRow } from "../../../shared/schemas.ts";
import { getEach } from "../../lib/batch.ts";
import { queryAll, queryPage, type Row } from "../../lib/query.ts";
import { COMMUNITY_COUNT_PREFIX, communityCountAttr } from "../listings/item.ts";
import { claimBucketAttr, NEED_COUNTERS } from "../needs/facts.ts";
import { NEVER } from "../projections/as-of.ts";
import { ACCEPT_BUCKETS, bucketAttr, type Dimension, UNMET_DIMENSION } from "./counters.ts";
import { daysBetween, statsRange } from "./range.ts";

/** How many entries each unmet-demand list shows. */
export const UNMET_LIST_LIMIT = 20;

/** The name a dimension value is shown under. */
export function valueName(dimension: string, value: string): string {
  if (dimension === "category") return categoryName(value) ?? value;
  if (dimension === "branch" && value === "") return "未填写支部";
  return value;
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
export function histogramQuantile(sums: Sums, q: number, attr = bucketAttr): number | null {
  const counts = Array.from({ length: ACCEPT_BUCKETS.length + 1 }, (_, i) => Math.max(0, num(sums[attr(i)])));
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

/** Needs (群众点单): the need figures of a sum of counter items. */
export function needFigures(s: Sums): NeedFigures {
  return {
    posted: num(s[NEED_COUNTERS.posted]),
    claimed: num(s[NEED_COUNTERS.claimed]),
    fulfilled: num(s[NEED_COUNTERS.fulfilled]),
    expired: num(s[NEED_COUNTERS.expired]),
    medianHoursToClaim: histogramQuantile(s, 0.5, claimBucketAttr),
  };
}

/** A counter item: a dimension value's (`value`) or a search miss's (`q`) counts of one day. */
const CounterItem = z.looseObject({
  day: z.string(),
  value: z._default(z.string(), ""),
  q: z._default(z.string(), ""),
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

/** What a dashboard reads: the counter items of the range, the waitlists, the live counts and the open needs. */
interface CounterReads {
  category: Row[];
  community: Row[];
  branch: Row[];
  unmet: Row[];
  waitlists: Row[];
  misses: Row[];
  countsItem: Row | undefined;
  asOfItem: Row | undefined;
  openNeeds: Row[];
}

/**
 * One Query per dimension partition, one for the unmet-demand listings, one for the
 * waitlists, one for the search misses and one BatchGetItem of the live counts and
 * the projections' asOf, all in parallel.
 */
async function readCounters(from: string, to: string): Promise<CounterReads> {
  const range = keys.statsRange(from, to);
  const months = keys.statsRange(from.slice(0, 7), to.slice(0, 7));
  const [category, community, branch, unmet, waitlists, misses, singles, openNeeds] = await Promise.all([
    queryAll({ pk: keys.statsDimension("category"), sk: { between: [range.start, range.end] } }),
    queryAll({ pk: keys.statsDimension("community"), sk: { between: [range.start, range.end] } }),
    queryAll({ pk: keys.statsDimension("branch"), sk: { between: [range.start, range.end] } }),
    queryAll({ pk: keys.statsDimension(UNMET_DIMENSION), sk: { between: [months.start, months.end] } }),
    queryAll({
      pk: keys.waitlistPartition(),
      where: { expression: "#w > :zero", names: { "#w": "waitlistCount" }, values: { ":zero": 0 } },
    }),
    queryAll({ pk: keys.searchMissPartition(), sk: { between: [months.start, months.end] } }),
    getEach([keys.categoryCounts(), keys.projectionsAsOf()]),
    // Needs nobody has claimed: the district's open ones, oldest first.
    queryPage({ index: "gsi2", pk: keys.districtNeeds("open"), limit: UNMET_LIST_LIMIT }),
  ]);
  const [countsItem, asOfItem] = singles;
  return {
    category,
    community,
    branch,
    unmet,
    waitlists,
    misses,
    countsItem,
    asOfItem,
    openNeeds: openNeeds.items,
  };
}

/** The dashboard for a date range, read from the counters only (readCounters). */
export async function readStats(query: { from?: string; to?: string }, now = new Date()): Promise<Stats> {
  const { from, to } = statsRange(query, now);
  const read = await readCounters(from, to);
  const asOf = typeof read.asOfItem?.asOf === "string" ? read.asOfItem.asOf : NEVER;
  const totals: Sums = {};
  for (const item of read.category) addInto(totals, item);
  const perDay = groupSums(read.category, (i) => i.day);
  const perCategory = new Map(rows("category", read.category).map((r) => [r.key, r]));
  const liveCounts = z.record(z.string(), z.unknown()).parse(read.countsItem ?? {});
  const byCommunity = rows("community", read.community).sort(byRequestsThenName);
  return {
    from,
    to,
    asOf,
    totals: { ...toCounters(totals), needs: needFigures(totals) },
    byCategory: CATEGORIES.map(
      (c) =>
        perCategory.get(c.slug) ?? { key: c.slug, name: c.name, ...toCounters({}), needs: needFigures({}) },
    ),
    byCommunity,
    byBranch: rows("branch", read.branch).sort(byRequestsThenName),
    byDay: daysBetween(from, to).map((day) => ({
      key: day,
      name: day,
      ...toCounters(perDay.get(day) ?? {}),
    })),
    unmet: unmetDemand(from, to, read, liveCounts, byCommunity),
  };
}

/** A dimension's rows: one per value, its counters (and, but for branches, its need figures). */
function rows(dimension: Dimension, items: Row[]): StatsRow[] {
  return [...groupSums(items, (i) => i.value)].map(([value, sums]) => ({
    key: value,
    name: valueName(dimension, value),
    ...toCounters(sums),
    ...(dimension === "branch" ? {} : { needs: needFigures(sums) }),
  }));
}

/** 未满足的需求: what was searched for and not found, who waits, what went unserved, and where nothing is offered. */
function unmetDemand(
  from: string,
  to: string,
  read: CounterReads,
  liveCounts: Record<string, unknown>,
  byCommunity: StatsRow[],
): Stats["unmet"] {
  return {
    months: { from: from.slice(0, 7), to: to.slice(0, 7) },
    searchMisses: searchMisses(read.misses),
    waitlists: longestWaitlists(read.waitlists),
    expiredOrDeclined: unmetListings(read.unmet),
    emptyCategories: CATEGORIES.filter((c) => num(liveCounts[c.slug]) <= 0).map((c) => ({
      key: c.slug,
      name: c.name,
    })),
    emptyCommunities: emptyCommunities(liveCounts, byCommunity),
    unclaimedNeeds: read.openNeeds.map((n) => ({
      id: String(n.id),
      title: String(n.title),
      category: String(n.category),
      community: String(n.community),
      createdAt: String(n.createdAt),
    })),
  };
}

function searchMisses(items: Row[]): Stats["unmet"]["searchMisses"] {
  return [...groupSums(items, (i) => i.q)]
    .map(([q, s]) => ({ q, count: num(s.count) }))
    .sort((a, b) => b.count - a.count || a.q.localeCompare(b.q, "zh-CN"))
    .slice(0, UNMET_LIST_LIMIT);
}

function longestWaitlists(items: Row[]): Stats["unmet"]["waitlists"] {
  return items
    .map((w) => ({
      listingId: String(w.listingId),
      title: String(w.title),
      waitlistCount: num(w.waitlistCount),
    }))
    .sort((a, b) => b.waitlistCount - a.waitlistCount || a.title.localeCompare(b.title, "zh-CN"))
    .slice(0, UNMET_LIST_LIMIT);
}

/** Communities with nothing offered now: those the live counts know, and those that had bookings in the range. */
function emptyCommunities(liveCounts: Record<string, unknown>, byCommunity: StatsRow[]): string[] {
  const known = new Set([
    ...Object.keys(liveCounts)
      .filter((k) => k.startsWith(COMMUNITY_COUNT_PREFIX))
      .map((k) => k.slice(COMMUNITY_COUNT_PREFIX.length)),
    ...byCommunity.map((r) => r.key),
  ]);
  return [...known]
    .filter((c) => num(liveCounts[communityCountAttr(c)]) <= 0)
    .sort((a, b) => a.localeCompare(b, "zh-CN"));
}

function unmetListings(items: Row[]): Stats["unmet"]["expiredOrDeclined"] {
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
