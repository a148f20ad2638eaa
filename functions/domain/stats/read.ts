/**
 * Fulfilment stats, read side: the dashboard for a date range from the counters
 * alone (counters.ts says how they are laid out), never from the bookings.
 */
import * as z from "zod/mini";
import { CATEGORIES, categoryName } from "../../../shared/categories.ts";
import { keys } from "../../../shared/keys.ts";
import type { Counters, NeedFigures, Stats, StatsRow } from "../../../shared/schemas.ts";
import { getEach } from "../../lib/batch.ts";
import { queryAll, queryPage } from "../../lib/query.ts";
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
  const asOf = typeof asOfItem?.asOf === "string" ? asOfItem.asOf : NEVER;

  const rows = (dimension: Dimension, items: Record<string, unknown>[]): StatsRow[] =>
    [...groupSums(items, (i) => i.value)].map(([value, sums]) => ({
      key: value,
      name: valueName(dimension, value),
      ...toCounters(sums),
      ...(dimension === "branch" ? {} : { needs: needFigures(sums) }),
    }));

  const totals: Sums = {};
  for (const item of category) addInto(totals, item);
  const perDay = groupSums(category, (i) => i.day);
  const perCategory = new Map(rows("category", category).map((r) => [r.key, r]));

  const liveCounts = z.record(z.string(), z.unknown()).parse(countsItem ?? {});
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
    totals: { ...toCounters(totals), needs: needFigures(totals) },
    byCategory: CATEGORIES.map(
      (c) =>
        perCategory.get(c.slug) ?? { key: c.slug, name: c.name, ...toCounters({}), needs: needFigures({}) },
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
      unclaimedNeeds: openNeeds.items.map((n) => ({
        id: String(n.id),
        title: String(n.title),
        category: String(n.category),
        community: String(n.community),
        createdAt: String(n.createdAt),
      })),
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
