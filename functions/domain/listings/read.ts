/**
 * Reading listings: one by id, the catalogue (one Query on the index serving the
 * sort: browse.ts), the live counts, a volunteer's own.
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod/mini";
import { CATEGORIES, type CategorySlug } from "../../../shared/categories.ts";
import { keys } from "../../../shared/keys.ts";
import type { CommunityCount, Listing as ListingView } from "../../../shared/schemas.ts";
import { getEach, getMany } from "../../lib/batch.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";
import { queryAll } from "../../lib/query.ts";
import { NotFound } from "../errors.ts";
import { phonesOf } from "../staff/committee.ts";
import { COMMUNITY_COUNT_PREFIX, ListingItem, toView } from "./item.ts";

export async function getListingItem(id: string, consistent = false): Promise<ListingItem | null> {
  const res = await ddb.send(
    new GetCommand({ TableName: TABLE_NAME, Key: keys.listing(id), ConsistentRead: consistent }),
  );
  return res.Item ? ListingItem.parse(res.Item) : null;
}

/** The listings of `ids` that exist, by id (BatchGetItem, 100 a request, unprocessed keys asked again). */
export async function getListingItems(ids: Iterable<string>): Promise<Map<string, ListingItem>> {
  const items = await getMany([...new Set(ids)].map((id) => keys.listing(id)));
  return new Map(items.map((raw) => ListingItem.parse(raw)).map((l) => [l.id, l]));
}

/** A listing as the public sees it: drafts, paused and closed ones are not found. */
export async function getPublicListing(id: string): Promise<ListingView> {
  const item = await getListingItem(id);
  if (!item || item.status !== "published") throw new NotFound("服务");
  return toView(item);
}

// ---------- reads ----------

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The numbers of the live-listing counters item (per category and per community). */
function countsOf(item: unknown): Record<string, number> {
  const raw = z.record(z.string(), z.unknown()).parse(item ?? {});
  return Object.fromEntries(
    Object.entries(raw).flatMap(([k, v]) => (typeof v === "number" ? [[k, Math.max(0, v)]] : [])),
  );
}

/** The live-listing counters: one GetItem. */
async function liveCounts(): Promise<Record<string, number>> {
  const res = await ddb.send(new GetCommand({ TableName: TABLE_NAME, Key: keys.categoryCounts() }));
  return countsOf(res.Item);
}

/** The 8 categories with their live listing counts. */
export async function categoryCounts(): Promise<
  { slug: CategorySlug; name: string; listingCount: number }[]
> {
  const counts = await liveCounts();
  return CATEGORIES.map((c) => ({ slug: c.slug, name: c.name, listingCount: counts[c.slug] ?? 0 }));
}

const mostOffered = (a: CommunityCount, b: CommunityCount) =>
  b.listingCount - a.listingCount || a.name.localeCompare(b.name, "zh-CN");

/** Community → live count, from the counters item. */
const communityCountsOf = (counts: Record<string, number>) =>
  new Map(
    Object.entries(counts)
      .filter(([k]) => k.startsWith(COMMUNITY_COUNT_PREFIX))
      .map(([k, n]) => [k.slice(COMMUNITY_COUNT_PREFIX.length), n]),
  );

/** Every community that has had a listing, with its live count, most offered first (one GetItem; the sessions job). */
export async function communityCounts(): Promise<{ name: string; listingCount: number }[]> {
  return [...communityCountsOf(await liveCounts())]
    .map(([name, listingCount]) => ({ name, listingCount }))
    .sort(mostOffered);
}

/**
 * GET /api/communities: every community that has had a listing or has a 居委会
 * phone (then with 0 listings), its live count and phone, most offered first. The
 * counters and the phones are two items read in one BatchGetItem.
 */
export async function communities(): Promise<CommunityCount[]> {
  const [countsItem, phonesItem] = await getEach([keys.categoryCounts(), keys.communityPhones()]);
  const counts = communityCountsOf(countsOf(countsItem));
  const phones = phonesOf(phonesItem);
  return [...new Set([...counts.keys(), ...phones.keys()])]
    .map((name) => {
      const phone = phones.get(name);
      return { name, listingCount: counts.get(name) ?? 0, ...(phone ? { phone } : {}) };
    })
    .sort(mostOffered);
}

/** All of a volunteer's listings, any status, newest first (their console). */
export async function listingsOfVolunteer(volunteerId: string): Promise<ListingItem[]> {
  const rows = await queryAll({
    index: "gsi7",
    pk: keys.volunteerShopPartition(volunteerId),
    sk: { beginsWith: "LISTING#" },
    newestFirst: true,
  });
  return rows.map((i) => ListingItem.parse(i));
}
