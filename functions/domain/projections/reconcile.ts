/**
 * Reconcile: recompute every derived figure from the records themselves and report
 * (and, asked to, repair) any drift, so a district can trust that its dashboard
 * matches its bookings.
 *
 * One Scan reads the bookings, the reviews and the derived items. Each booking's
 * and review's history is replayed through the projector's own `effectsOf`
 * (facts.ts) and summed like a batch (plan.ts): what the projector should have
 * left. Compared: the dashboard's day counters (category, community, branch), the
 * unmet-demand counters, the waitlist gauges, the ranking entries and volunteer
 * profiles, and the listings' completedCount and ratings. Session fill figures
 * (written by the sessions job, not from bookings) are not the projector's and
 * are left alone. Repair ADDs each difference with the projector's own builders.
 */
import { ScanCommand, type ScanCommandOutput, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { keys } from "../../../shared/keys.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";
import { update } from "../../lib/expr.ts";
import { BookingItem } from "../bookings/item.ts";
import { ListingItem, versionedUpdate } from "../listings/item.ts";
import { needHistory } from "../needs/facts.ts";
import { NeedItem } from "../needs/item.ts";
import { RANK_FIGURES, type RankEntry, rankUpdate } from "../rankings.ts";
import { ReviewItem } from "../reviews.ts";
import { effectsOf } from "./facts.ts";
import { bookingHistory, reviewHistory } from "./history.ts";
import { keyString, plan } from "./plan.ts";

export interface Drift {
  /** The item, as `pk|sk`. */
  key: string;
  attribute: string;
  expected: number;
  actual: number;
}

/** Counter attributes on stats items that are not derived from bookings (the sessions job's fill rate). */
const NOT_PROJECTED = new Set(["sessionsHeld", "seatsOffered", "seatsFilled"]);
const LISTING_FIGURES = ["completedCount", "ratingSum", "ratingCount"] as const;
const SEGMENTS = 4;

type Item = Record<string, unknown>;
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const differs = (a: number, b: number) => Math.abs(a - b) > 1e-6;

/** Every item of the table (a consistent, segmented Scan): reconcile's, and the erasure test's. */
export async function scanAll(): Promise<Item[]> {
  const parts = await Promise.all(
    Array.from({ length: SEGMENTS }, async (_, segment) => {
      const out: Item[] = [];
      let start: ScanCommandOutput["LastEvaluatedKey"];
      do {
        const res = await ddb.send(
          new ScanCommand({
            TableName: TABLE_NAME,
            Segment: segment,
            TotalSegments: SEGMENTS,
            ConsistentRead: true,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        out.push(...(res.Items ?? []));
        start = res.LastEvaluatedKey;
      } while (start);
      return out;
    }),
  );
  return parts.flat();
}

const isCounterItem = (i: Item) =>
  (String(i.pk).startsWith("STATS#") && i.type !== "projected") || i.pk === keys.waitlistPartition();
const isRankItem = (i: Item) => i.type === "rank" || (String(i.pk).startsWith("USER#") && i.sk === "PROFILE");

function entryOf(i: Item): RankEntry {
  const profile = i.sk === "PROFILE";
  return {
    key: { pk: String(i.pk), sk: String(i.sk) },
    by: profile ? "volunteer" : i.by === "branch" ? "branch" : "volunteer",
    period: profile ? "all" : String(i.period ?? "all"),
    id: String(i.id ?? ""),
    name: String(i.name ?? ""),
    profile,
  };
}

export async function reconcile(
  opts: { repair?: boolean } = {},
): Promise<{ drift: Drift[]; repaired: number }> {
  const items = await scanAll();
  const effects = items.flatMap((i) => {
    if (i.type === "booking") {
      const b = BookingItem.safeParse(i);
      return b.success ? bookingHistory(b.data).flatMap(effectsOf) : [];
    }
    if (i.type === "need") {
      const n = NeedItem.safeParse(i);
      return n.success ? needHistory(n.data).flatMap(effectsOf) : [];
    }
    if (i.type === "review") {
      const r = ReviewItem.safeParse(i);
      return r.success ? reviewHistory(r.data).flatMap(effectsOf) : [];
    }
    return [];
  });
  const want = plan(effects);
  const byKey = new Map(items.map((i) => [keyString({ pk: String(i.pk), sk: String(i.sk) }), i]));
  const drift: Drift[] = [];
  const repairs: (() => Promise<unknown>)[] = [];
  const compare = (key: string, attrs: Iterable<string>, expected: Item, actual: Item) => {
    const diffs: Record<string, number> = {};
    for (const attribute of new Set(attrs)) {
      const e = num(expected[attribute]);
      const a = num(actual[attribute]);
      if (differs(e, a)) {
        drift.push({ key, attribute, expected: e, actual: a });
        diffs[attribute] = e - a;
      }
    }
    return diffs;
  };

  // Counters: every expected one, and every existing one (which may count what never happened).
  for (const k of new Set([
    ...want.counters.keys(),
    ...items.filter(isCounterItem).map((i) => keyString({ pk: String(i.pk), sk: String(i.sk) })),
  ])) {
    const expected = want.counters.get(k);
    const actual = byKey.get(k) ?? {};
    const attrs = [
      ...Object.keys(expected?.add ?? {}),
      ...Object.keys(actual).filter(
        (a) => typeof actual[a] === "number" && !NOT_PROJECTED.has(a) && a !== "ttl",
      ),
    ];
    const diffs = compare(k, attrs, expected?.add ?? {}, actual);
    if (Object.keys(diffs).length && expected) {
      repairs.push(() =>
        ddb.send(
          new UpdateCommand({
            TableName: TABLE_NAME,
            Key: expected.key,
            ...update({ set: expected.set, add: diffs }),
          }),
        ),
      );
    } else if (Object.keys(diffs).length) {
      const [pk, sk] = k.split("|") as [string, string];
      repairs.push(() =>
        ddb.send(new UpdateCommand({ TableName: TABLE_NAME, Key: { pk, sk }, ...update({ add: diffs }) })),
      );
    }
  }

  // Ranking entries and profiles.
  for (const k of new Set([
    ...want.ranks.keys(),
    ...items.filter(isRankItem).map((i) => keyString({ pk: String(i.pk), sk: String(i.sk) })),
  ])) {
    const expected = want.ranks.get(k);
    const actual = byKey.get(k) ?? {};
    const diffs = compare(k, RANK_FIGURES, expected?.add ?? {}, actual);
    if (!Object.keys(diffs).length) continue;
    const entry = expected?.entry ?? entryOf(actual);
    repairs.push(() => ddb.send(new UpdateCommand(rankUpdate(entry, num(actual.hoursServed), diffs))));
  }

  // Listings' figures (a catalogue sort key: versioned, like the projector's).
  for (const raw of items.filter((i) => i.type === "listing")) {
    const listing = ListingItem.safeParse(raw);
    if (!listing.success) continue;
    const l = listing.data;
    const k = keyString(keys.listing(l.id));
    const expected = want.listings.get(l.id) ?? {};
    const diffs = compare(k, LISTING_FIGURES, expected, raw);
    if (!Object.keys(diffs).length) continue;
    const next: ListingItem = {
      ...l,
      completedCount: num(expected.completedCount),
      ratingSum: num(expected.ratingSum),
      ratingCount: num(expected.ratingCount),
    };
    repairs.push(() => ddb.send(new UpdateCommand(versionedUpdate(l, next))));
  }

  if (opts.repair) for (const r of repairs) await r();
  return { drift, repaired: opts.repair ? repairs.length : 0 };
}
