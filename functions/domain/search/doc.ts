/**
 * A listing as search sees it: what is matched (title, description), filtered
 * (category, community, kind), sorted (creation, rating, served) and ranked
 * (joinable or not). Built from a listing alone, so the whole index can be rebuilt
 * from the listings; null for a listing that is not published (not searchable).
 */
import * as z from "zod/mini";
import { CategorySchema, Kind } from "../../../shared/schemas.ts";
import type { ListingItem } from "../listings/item.ts";
import { ratingAvg } from "../listings/item.ts";

/** How long a change record is kept (TTL): caches that check less often load whole again. */
export const CHANGE_KEEP_S = 24 * 3600;
/**
 * A change record is readable by its stamp plus this: one whose write came back later
 * is written again with a fresh stamp (sync.ts). The caches re-read this far back,
 * and as much again for the clocks of two functions (store.ts).
 */
export const CHANGE_LATE_MS = 500;

export const SearchDoc = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  category: CategorySchema,
  community: z.string(),
  kind: Kind,
  /** No seat left (a full event or on-demand listing). */
  full: z.boolean(),
  /** A one-off event's start, to tell a past one; scheduled listings have sessions instead. */
  startsAt: z.optional(z.string()),
  scheduled: z.boolean(),
  createdAt: z.string(),
  ratingAvg: z.number(),
  ratingCount: z.number(),
  completedCount: z.number(),
});
export type SearchDoc = z.infer<typeof SearchDoc>;

export function docOf(item: ListingItem | null | undefined): SearchDoc | null {
  if (!item || item.status !== "published") return null;
  return {
    id: item.id,
    title: item.title,
    description: item.description,
    category: item.category,
    community: item.community,
    kind: item.kind,
    full: item.seatsTaken >= item.capacity,
    ...(item.startsAt && !item.schedule ? { startsAt: item.startsAt } : {}),
    scheduled: item.schedule !== undefined,
    createdAt: item.createdAt,
    ratingAvg: ratingAvg(item.ratingSum, item.ratingCount),
    ratingCount: item.ratingCount,
    completedCount: item.completedCount,
  };
}

/** Two docs say the same (a change that moves neither is not written: most seat changes). */
export function sameDoc(a: SearchDoc | null, b: SearchDoc | null): boolean {
  if (a === null || b === null) return a === b;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof SearchDoc>;
  return [...keys].every((k) => a[k] === b[k]);
}
