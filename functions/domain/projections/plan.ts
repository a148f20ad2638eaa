/**
 * A batch's effects summed per target item in memory, so each counter item, ranking
 * entry and listing is written once per batch however many changes touch it.
 */
import type { Key } from "../../../shared/keys.ts";
import { keys } from "../../../shared/keys.ts";
import type { RankEntry, RankFigures } from "../rankings.ts";
import type { Effect } from "./facts.ts";

export type ListingFigures = { completedCount?: number; ratingSum?: number; ratingCount?: number };

export interface Plan {
  counters: Map<string, { key: Key; set: Record<string, string>; add: Record<string, number> }>;
  ranks: Map<string, { entry: RankEntry; add: RankFigures }>;
  listings: Map<string, ListingFigures>;
}

export const keyString = (k: Key) => `${k.pk}|${k.sk}`;

/** The item an effect writes to (undefined for whole items, which need no summing). */
export function targetOf(e: Effect): string | undefined {
  switch (e.kind) {
    case "count":
      return keyString(e.key);
    case "rank":
      return keyString(e.entry.key);
    case "listing":
      return keyString(keys.listing(e.listingId));
    case "put":
      return undefined;
  }
}

function addInto<T extends Record<string, number | undefined>>(into: T, add: T) {
  const sums = into as Record<string, number>;
  for (const [k, v] of Object.entries(add)) if (typeof v === "number") sums[k] = (sums[k] ?? 0) + v;
}

export function plan(effects: readonly Effect[]): Plan {
  const p: Plan = { counters: new Map(), ranks: new Map(), listings: new Map() };
  for (const e of effects) {
    switch (e.kind) {
      case "count": {
        const k = keyString(e.key);
        const c = p.counters.get(k);
        if (c) {
          Object.assign(c.set, e.set);
          addInto(c.add, e.add);
        } else p.counters.set(k, { key: e.key, set: { ...e.set }, add: { ...e.add } });
        break;
      }
      case "rank": {
        const k = keyString(e.entry.key);
        const r = p.ranks.get(k);
        if (r) addInto(r.add, e.add);
        else p.ranks.set(k, { entry: e.entry, add: { ...e.add } });
        break;
      }
      case "listing": {
        const l = p.listings.get(e.listingId);
        if (l) addInto(l, e.add);
        else p.listings.set(e.listingId, { ...e.add });
        break;
      }
      case "put":
        break;
    }
  }
  return p;
}

/** Drop the sums that cancel out (a floating sum within a millionth of zero counts as zero). */
export function nonZero(add: Record<string, number | undefined>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(add)) if (typeof v === "number" && Math.abs(v) > 1e-9) out[k] = v;
  return out;
}
