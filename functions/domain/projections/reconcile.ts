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
import { type Effect, effectsOf } from "./facts.ts";
import { bookingHistory, reviewHistory } from "./history.ts";
import { keyString, type Plan, plan } from "./plan.ts";

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

type Repair = () => Promise<unknown>;

/** What reconcile finds: each figure that drifted, and the write that repairs each item that did. */
interface Findings {
  drift: Drift[];
  repairs: Repair[];
}

const keyOf = (i: Item) => keyString({ pk: String(i.pk), sk: String(i.sk) });

/** A record's history replayed through the projector's own rules (facts.ts): what it should have left. */
function historyEffects(i: Item): Effect[] {
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
}

/** The attributes that differ between what is expected and what is there (each one found as drift), by how much. */
function compare(found: Findings, key: string, attrs: Iterable<string>, expected: Item, actual: Item) {
  const diffs: Record<string, number> = {};
  for (const attribute of new Set(attrs)) {
    const e = num(expected[attribute]);
    const a = num(actual[attribute]);
    if (differs(e, a)) {
      found.drift.push({ key, attribute, expected: e, actual: a });
      diffs[attribute] = e - a;
    }
  }
  return diffs;
}

/** Counters: every expected one, and every existing one (which may count what never happened). */
function checkCounters(found: Findings, want: Plan["counters"], items: Item[], byKey: Map<string, Item>) {
  for (const k of new Set([...want.keys(), ...items.filter(isCounterItem).map(keyOf)])) {
    const expected = want.get(k);
    const actual = byKey.get(k) ?? {};
    const attrs = [
      ...Object.keys(expected?.add ?? {}),
      ...Object.keys(actual).filter(
        (a) => typeof actual[a] === "number" && !NOT_PROJECTED.has(a) && a !== "ttl",
      ),
    ];
    const diffs = compare(found, k, attrs, expected?.add ?? {}, actual);
    if (Object.keys(diffs).length && expected) {
      found.repairs.push(() =>
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
      found.repairs.push(() =>
        ddb.send(new UpdateCommand({ TableName: TABLE_NAME, Key: { pk, sk }, ...update({ add: diffs }) })),
      );
    }
  }
}

/** Ranking entries and profiles: every expected one, and every existing one. */
function checkRanks(found: Findings, want: Plan["ranks"], items: Item[], byKey: Map<string, Item>) {
  for (const k of new Set([...want.keys(), ...items.filter(isRankItem).map(keyOf)])) {
    const expected = want.get(k);
    const actual = byKey.get(k) ?? {};
    const diffs = compare(found, k, RANK_FIGURES, expected?.add ?? {}, actual);
    if (!Object.keys(diffs).length) continue;
    const entry = expected?.entry ?? entryOf(actual);
    found.repairs.push(() => ddb.send(new UpdateCommand(rankUpdate(entry, num(actual.hoursServed), diffs))));
  }
}

/** Listings' figures (a catalogue sort key: versioned, like the projector's). */
function checkListings(found: Findings, want: Plan["listings"], items: Item[]) {
  for (const raw of items.filter((i) => i.type === "listing")) {
    const listing = ListingItem.safeParse(raw);
    if (!listing.success) continue;
    const l = listing.data;
    const k = keyString(keys.listing(l.id));
    const expected = want.get(l.id) ?? {};
    const diffs = compare(found, k, LISTING_FIGURES, expected, raw);
    if (!Object.keys(diffs).length) continue;
    const next: ListingItem = {
      ...l,
      completedCount: num(expected.completedCount),
      ratingSum: num(expected.ratingSum),
      ratingCount: num(expected.ratingCount),
    };
    found.repairs.push(() => ddb.send(new UpdateCommand(versionedUpdate(l, next))));
  }
}

export async function reconcile(
  opts: { repair?: boolean } = {},
): Promise<{ drift: Drift[]; repaired: number }> {
  const items = await scanAll();
  const want = plan(items.flatMap(historyEffects));
  const byKey = new Map(items.map((i) => [keyOf(i), i]));
  const found: Findings = { drift: [], repairs: [] };
  checkCounters(found, want.counters, items, byKey);
  checkRanks(found, want.ranks, items, byKey);
  checkListings(found, want.listings, items);
  if (opts.repair) for (const r of found.repairs) await r();
  return { drift: found.drift, repaired: opts.repair ? found.repairs.length : 0 };
}
