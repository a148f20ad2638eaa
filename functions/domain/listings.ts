/**
 * Listings: the catalogue's aggregate. Rules (who may change what, which status
 * moves are allowed) and the repository (keys, indexes, counters, search postings).
 */
import { randomUUID } from "node:crypto";
import { BatchGetCommand, GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import { CATEGORIES, type CategorySlug } from "../../shared/categories.ts";
import { keys } from "../../shared/keys.ts";
import type {
  ListingInput,
  ListingPatch,
  ListingQuery,
  ListingStatus,
  Listing as ListingView,
} from "../../shared/schemas.ts";
import {
  CategorySchema,
  endsAfterStart,
  eventHasStart,
  Kind,
  ListingStatus as ListingStatusSchema,
  Mode,
} from "../../shared/schemas.ts";
import { Schedule } from "../../shared/sessions.ts";
import { TABLE } from "../../shared/table.ts";
import type { User } from "../lib/auth.ts";
import { decodeCursor, encodeCursor, keyOf } from "../lib/cursor.ts";
import { ddb, TABLE_NAME } from "../lib/db.ts";
import { update, withCondition } from "../lib/expr.ts";
import { keyAttributes, queryAll, queryPage } from "../lib/query.ts";
import { writeAll } from "./batch.ts";
import { Conflict, InvalidTransition, NotFound, NotOwner } from "./errors.ts";
import { grams, matches, queryGram } from "./search.ts";

/** A listing as stored. Parsed on every read: nothing from the table is trusted by cast. */
export const ListingItem = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  category: CategorySchema,
  kind: Kind,
  community: z.string(),
  mode: Mode,
  capacity: z.number(),
  seatsTaken: z.number().default(0),
  waitlistCount: z.number().default(0),
  startsAt: z.string().optional(),
  endsAt: z.string().optional(),
  status: ListingStatusSchema,
  volunteerId: z.string(),
  volunteerName: z.string(),
  /** The owner's party branch when the listing was made (for the branch stats). */
  volunteerBranch: z.string().default(""),
  ratingSum: z.number().default(0),
  ratingCount: z.number().default(0),
  completedCount: z.number().default(0),
  version: z.number().default(0),
  pausedReason: z.string().optional(),
  /** A scheduled event's recurrence: its sessions hold the seats (functions/domain/sessions). */
  schedule: Schedule.optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ListingItem = z.infer<typeof ListingItem>;

export const ratingAvg = (sum: number, count: number) =>
  count === 0 ? 0 : Math.round((sum / count) * 10) / 10;

export function toView(item: ListingItem): ListingView {
  return {
    id: item.id,
    title: item.title,
    description: item.description,
    category: item.category,
    kind: item.kind,
    community: item.community,
    mode: item.mode,
    capacity: item.capacity,
    seatsTaken: item.seatsTaken,
    waitlistCount: item.waitlistCount,
    ...(item.startsAt ? { startsAt: item.startsAt } : {}),
    ...(item.endsAt ? { endsAt: item.endsAt } : {}),
    ...(item.schedule ? { schedule: item.schedule } : {}),
    status: item.status,
    volunteer: { id: item.volunteerId, name: item.volunteerName },
    ratingAvg: ratingAvg(item.ratingSum, item.ratingCount),
    ratingCount: item.ratingCount,
    completedCount: item.completedCount,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

/** All index attributes a listing carries in a given state (catalogue ones only while published). */
export function indexAttributes(item: ListingItem): Record<string, string> {
  return keys.listingIndexes({ ...item, ratingAvg: ratingAvg(item.ratingSum, item.ratingCount) });
}

const CATALOGUE_INDEX_ATTRS = TABLE.indexes
  .filter((i) => i.name !== "gsi7")
  .flatMap((i) => [i.partitionKey, i.sortKey]);

/**
 * The update that moves a listing to `next`, rewriting its index attributes, guarded
 * by the version read (optimistic concurrency: seat counters are not versioned and
 * are never overwritten here). Used by patches, reviews and completions.
 */
export function versionedUpdate(
  current: ListingItem,
  next: ListingItem,
  /** Seat counters to move in the same write (e.g. a completed on-demand request frees its slot). */
  counters: { seatsTaken?: number; waitlistCount?: number } = {},
) {
  const idx = indexAttributes(next);
  const changed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next)) {
    if (k === "seatsTaken" || k === "waitlistCount" || k === "version") continue;
    if ((current as Record<string, unknown>)[k] !== v) changed[k] = v;
  }
  const removeFields = (["startsAt", "endsAt", "pausedReason"] as const).filter(
    (k) => current[k] && !next[k],
  );
  const parts = update({
    set: { ...changed, ...idx },
    add: { ...counters, version: 1 },
    remove: [...CATALOGUE_INDEX_ATTRS.filter((a) => !(a in idx)), ...removeFields],
  });
  return {
    TableName: TABLE_NAME,
    Key: keys.listing(current.id),
    ...withCondition(
      parts,
      "#version = :readVersion OR (attribute_not_exists(#version) AND :readVersion = :zero)",
      {
        "#version": "version",
      },
      { ":readVersion": current.version, ":zero": 0 },
    ),
  };
}

/** The attribute of the live-counts item that counts a community's live listings. */
export const COMMUNITY_COUNT_PREFIX = "community:";
export const communityCountAttr = (community: string) => `${COMMUNITY_COUNT_PREFIX}${community}`;

/** The change to the live-per-category counters when a listing moves between states. */
function countDelta(before: ListingItem | null, after: ListingItem): Record<string, number> {
  const delta: Record<string, number> = {};
  if (before?.status === "published") delta[before.category] = (delta[before.category] ?? 0) - 1;
  if (after.status === "published") delta[after.category] = (delta[after.category] ?? 0) + 1;
  // Live listings per community too (the dashboard's "communities with no live offering").
  const c = (community: string) => communityCountAttr(community);
  if (before?.status === "published") delta[c(before.community)] = (delta[c(before.community)] ?? 0) - 1;
  if (after.status === "published") delta[c(after.community)] = (delta[c(after.community)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(delta).filter(([, v]) => v !== 0));
}

function countsUpdate(delta: Record<string, number>) {
  return { TableName: TABLE_NAME, Key: keys.categoryCounts(), ...update({ add: delta }) };
}

async function syncPostings(before: ListingItem | null, after: ListingItem) {
  const oldGrams = before ? grams(`${before.title}\n${before.description}`) : new Set<string>();
  const newGrams = grams(`${after.title}\n${after.description}`);
  const puts = [...newGrams].filter((g) => !oldGrams.has(g));
  const deletes = [...oldGrams].filter((g) => !newGrams.has(g));
  await writeAll([
    ...puts.map((g) => ({ PutRequest: { Item: { ...keys.gram(g, after), listingId: after.id } } })),
    ...deletes.map((g) => ({ DeleteRequest: { Key: keys.gram(g, after) } })),
  ]);
}

/**
 * A published one-off event's place in its community's calendar (gsi1, by start):
 * a small pointer item beside the listing, written with it (scheduled listings'
 * sessions carry their own). The calendar reads seats from the listing itself.
 */
function calendarEntry(item: ListingItem) {
  const key = keys.listingCalendarEntry(item.id);
  if (item.status !== "published" || item.kind !== "event" || !item.startsAt || item.schedule)
    return { Delete: { TableName: TABLE_NAME, Key: key } };
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: {
        ...key,
        type: "calendarEntry",
        listingId: item.id,
        startsAt: item.startsAt,
        ...(item.endsAt ? { endsAt: item.endsAt } : {}),
        ...keys.calendarIndexes({
          community: item.community,
          startsAt: item.startsAt,
          listingId: item.id,
          id: "-",
        }),
      },
    },
  };
}

const ALLOWED_STATUS: Record<ListingStatus, ListingStatus[]> = {
  draft: ["draft", "published", "closed"],
  published: ["published", "paused", "closed"],
  paused: ["paused", "published", "closed"],
  closed: ["closed"],
};

export function nextStatusAllowed(from: ListingStatus, to: ListingStatus): boolean {
  return ALLOWED_STATUS[from].includes(to);
}

export function newListingItem(user: User, input: ListingInput, now: Date, id = newId("l")): ListingItem {
  const at = now.toISOString();
  return {
    id,
    title: input.title,
    description: input.description,
    category: input.category,
    kind: input.kind,
    community: input.community,
    mode: input.mode,
    capacity: input.capacity,
    seatsTaken: 0,
    waitlistCount: 0,
    ...(input.startsAt ? { startsAt: input.startsAt } : {}),
    ...(input.endsAt ? { endsAt: input.endsAt } : {}),
    ...(input.schedule ? { schedule: input.schedule } : {}),
    status: input.status,
    volunteerId: user.id,
    volunteerName: user.name,
    volunteerBranch: user.branch ?? "",
    ratingSum: 0,
    ratingCount: 0,
    completedCount: 0,
    version: 0,
    createdAt: at,
    updatedAt: at,
  };
}

export function newId(prefix: string): string {
  return `${prefix}${randomUUID().replace(/-/g, "").slice(0, 15)}`;
}

/** Write a new listing, its owner's shop profile, the live counts and its search postings. */
export async function insertListing(user: User, item: ListingItem): Promise<void> {
  const delta = countDelta(null, item);
  await ddb.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: TABLE_NAME,
            Item: { ...keys.listing(item.id), type: "listing", ...item, ...indexAttributes(item) },
            ConditionExpression: "attribute_not_exists(pk)",
          },
        },
        { Update: ensureVolunteerProfile(user) },
        ...(Object.keys(delta).length ? [{ Update: countsUpdate(delta) }] : []),
        calendarEntry(item),
      ],
    }),
  );
  await syncPostings(null, item);
}

/** The volunteer's profile (their shop's header) exists once they publish anything. */
function ensureVolunteerProfile(user: User) {
  const parts = update({
    set: {
      type: "user",
      id: user.id,
      role: "volunteer",
      ...keys.volunteerShop(user.id),
    },
  });
  // Name, community and branch are kept if already set (PUT /api/me owns them).
  const extra = [
    ["name", user.name],
    ["community", user.community ?? ""],
    ["branch", user.branch ?? ""],
  ] as const;
  let expression = parts.UpdateExpression;
  const names = { ...parts.ExpressionAttributeNames };
  const values: Record<string, unknown> = { ...parts.ExpressionAttributeValues };
  for (const [attr, value] of extra) {
    names[`#${attr}`] = attr;
    values[`:${attr}`] = value;
    expression += `, #${attr} = if_not_exists(#${attr}, :${attr})`;
  }
  return {
    TableName: TABLE_NAME,
    Key: keys.user(user.id),
    UpdateExpression: expression,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

export async function getListingItem(id: string, consistent = false): Promise<ListingItem | null> {
  const res = await ddb.send(
    new GetCommand({ TableName: TABLE_NAME, Key: keys.listing(id), ConsistentRead: consistent }),
  );
  return res.Item ? ListingItem.parse(res.Item) : null;
}

/** A listing as the public sees it: drafts, paused and closed ones are not found. */
export async function getPublicListing(id: string): Promise<ListingView> {
  const item = await getListingItem(id);
  if (!item || item.status !== "published") throw new NotFound("服务");
  return toView(item);
}

export async function patchListing(
  user: User,
  id: string,
  patch: ListingPatch,
  now = new Date(),
): Promise<ListingView> {
  for (let attempt = 0; ; attempt++) {
    const current = await getListingItem(id, true);
    if (!current) throw new NotFound("服务");
    if (current.volunteerId !== user.id) throw new NotOwner("只能修改自己发布的服务");
    const next = applyPatch(current, patch, now);
    const delta = countDelta(current, next);
    try {
      await ddb.send(
        new TransactWriteCommand({
          TransactItems: [
            { Update: capacityGuard(versionedUpdate(current, next), next.capacity) },
            ...(Object.keys(delta).length ? [{ Update: countsUpdate(delta) }] : []),
            calendarEntry(next),
          ],
        }),
      );
    } catch (err) {
      if ((err as Error).name === "TransactionCanceledException" && attempt < 3) continue;
      throw err;
    }
    if (next.title !== current.title || next.description !== current.description)
      await syncPostings(current, next);
    return toView({ ...next, version: current.version + 1 });
  }
}

/** A capacity below the seats already taken would strand bookings: refuse it in the same write. */
function capacityGuard(base: ReturnType<typeof versionedUpdate>, capacity: number) {
  return {
    ...base,
    ConditionExpression: `(${base.ConditionExpression}) AND (attribute_not_exists(#seatsTaken) OR #seatsTaken <= :capacity)`,
    ExpressionAttributeNames: { ...base.ExpressionAttributeNames, "#seatsTaken": "seatsTaken" },
    ExpressionAttributeValues: { ...base.ExpressionAttributeValues, ":capacity": capacity },
  };
}

export function applyPatch(current: ListingItem, patch: ListingPatch, now: Date): ListingItem {
  if (patch.status && !nextStatusAllowed(current.status, patch.status)) {
    throw new InvalidTransition(current.status, `改为 ${patch.status}`);
  }
  if (current.status === "closed") throw new Conflict("LISTING_CLOSED", "已结束的服务不能再修改");
  if (patch.capacity !== undefined && patch.capacity < current.seatsTaken) {
    throw new Conflict("CAPACITY_BELOW_BOOKINGS", `已有 ${current.seatsTaken} 人报名，名额不能少于此数`);
  }
  const next: ListingItem = { ...current, updatedAt: now.toISOString() };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    (next as Record<string, unknown>)[k] = v === null ? undefined : v;
  }
  // The listing rules of shared/schemas.ts, on the listing as the patch leaves it.
  if (!eventHasStart(next)) throw new Conflict("EVENT_NEEDS_START");
  if (!endsAfterStart(next)) throw new Conflict("INVALID_TIME_RANGE");
  if (next.status !== "paused") delete next.pausedReason;
  return next;
}

/** Admin moderation: pause any published listing, recording why. */
export async function pauseListingAsAdmin(
  id: string,
  reason: string,
  now = new Date(),
): Promise<ListingView> {
  for (let attempt = 0; ; attempt++) {
    const current = await getListingItem(id, true);
    if (!current) throw new NotFound("服务");
    if (current.status !== "published") throw new InvalidTransition(current.status, "暂停");
    const next: ListingItem = {
      ...current,
      status: "paused",
      pausedReason: reason,
      updatedAt: now.toISOString(),
    };
    try {
      await ddb.send(
        new TransactWriteCommand({
          TransactItems: [
            { Update: versionedUpdate(current, next) },
            { Update: countsUpdate(countDelta(current, next)) },
            calendarEntry(next),
          ],
        }),
      );
      return toView({ ...next, version: current.version + 1 });
    } catch (err) {
      if ((err as Error).name === "TransactionCanceledException" && attempt < 3) continue;
      throw err;
    }
  }
}

// ---------- reads ----------

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Browse published listings: one Query on the index that serves the sort and scope. */
export async function browse(query: ListingQuery): Promise<Page<ListingView>> {
  if (query.q !== undefined) return search(query);
  const { index, pk } = keys.catalogueIndex(query.sort, query.category);
  const keyAttrs = keyAttributes(index);
  const equals = {
    ...(query.community ? { community: query.community } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
  };
  const filtered = Object.keys(equals).length > 0;
  const start = decodeCursor(query.cursor, keyAttrs);
  // Filters drop items after the read, so read further ahead when filtering; one request either way.
  const res = await queryPage({
    index,
    pk,
    equals,
    newestFirst: true,
    limit: filtered ? Math.min(query.limit * 6, 300) : query.limit + 1,
    ...(start ? { start } : {}),
  });
  const rows = res.items;
  const page = rows.slice(0, query.limit);
  const more = rows.length > query.limit;
  const last = page.at(-1);
  const nextCursor = more && last ? encodeCursor(keyOf(last, keyAttrs)) : encodeCursor(res.lastKey);
  return { items: page.map((r) => toView(ListingItem.parse(r))), nextCursor };
}

const GRAM_KEYS = keyAttributes();

/**
 * Substring search: one Query on the query's gram postings, one BatchGetItem for
 * the candidates, each checked to contain the whole query and to pass the filters.
 */
async function search(query: ListingQuery): Promise<Page<ListingView>> {
  const q = query.q ?? "";
  const gram = queryGram(q);
  if (gram === null) return { items: [], nextCursor: null };
  const start = decodeCursor(query.cursor, GRAM_KEYS);
  const postings = await queryPage({
    pk: keys.gramPartition(gram),
    newestFirst: true,
    limit: 100,
    ...(start ? { start } : {}),
  });
  const posted = postings.items.map((p) => ({ key: keyOf(p, GRAM_KEYS), id: String(p.listingId) }));
  const found = new Map<string, ListingItem>();
  if (posted.length) {
    const res = await ddb.send(
      new BatchGetCommand({
        RequestItems: { [TABLE_NAME]: { Keys: posted.map((p) => keys.listing(p.id)) } },
      }),
    );
    for (const raw of res.Responses?.[TABLE_NAME] ?? []) {
      const item = ListingItem.parse(raw);
      found.set(item.id, item);
    }
    // Keys DynamoDB left unprocessed are simply treated as the next page's work.
  }
  const items: ListingItem[] = [];
  let consumed = 0;
  for (const p of posted) {
    if (items.length === query.limit) break;
    consumed++;
    const item = found.get(p.id);
    if (!item || item.status !== "published" || !matches(item, q)) continue;
    if (query.category && item.category !== query.category) continue;
    if (query.community && item.community !== query.community) continue;
    if (query.kind && item.kind !== query.kind) continue;
    items.push(item);
  }
  const lastConsumed = posted[consumed - 1];
  const nextCursor =
    consumed < posted.length && lastConsumed
      ? encodeCursor(lastConsumed.key)
      : encodeCursor(postings.lastKey);
  items.sort(compareBy(query.sort));
  return { items: items.map(toView), nextCursor };
}

function compareBy(sort: ListingQuery["sort"]) {
  return (a: ListingItem, b: ListingItem) => {
    if (sort === "rating") {
      const d = ratingAvg(b.ratingSum, b.ratingCount) - ratingAvg(a.ratingSum, a.ratingCount);
      if (d !== 0) return d;
    }
    if (sort === "popular" && b.completedCount !== a.completedCount)
      return b.completedCount - a.completedCount;
    return b.createdAt.localeCompare(a.createdAt);
  };
}

/** The live-listing counters (per category and per community): one GetItem. */
async function liveCounts(): Promise<Record<string, number>> {
  const res = await ddb.send(new GetCommand({ TableName: TABLE_NAME, Key: keys.categoryCounts() }));
  const raw = z.record(z.string(), z.unknown()).parse(res.Item ?? {});
  return Object.fromEntries(
    Object.entries(raw).flatMap(([k, v]) => (typeof v === "number" ? [[k, Math.max(0, v)]] : [])),
  );
}

/** The 8 categories with their live listing counts. */
export async function categoryCounts(): Promise<
  { slug: CategorySlug; name: string; listingCount: number }[]
> {
  const counts = await liveCounts();
  return CATEGORIES.map((c) => ({ slug: c.slug, name: c.name, listingCount: counts[c.slug] ?? 0 }));
}

/** Every community that has had a listing, with its live count, most offered first. */
export async function communityCounts(): Promise<{ name: string; listingCount: number }[]> {
  const counts = await liveCounts();
  return Object.entries(counts)
    .filter(([k]) => k.startsWith(COMMUNITY_COUNT_PREFIX))
    .map(([k, listingCount]) => ({ name: k.slice(COMMUNITY_COUNT_PREFIX.length), listingCount }))
    .sort((a, b) => b.listingCount - a.listingCount || a.name.localeCompare(b.name, "zh-CN"));
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

/** Used by the seat-taking transactions of bookings: the raw counters update. */
export function seatUpdate(listingId: string, change: { seats?: number; waitlist?: number }) {
  const add: Record<string, number> = {};
  if (change.seats) add.seatsTaken = change.seats;
  if (change.waitlist) add.waitlistCount = change.waitlist;
  return { TableName: TABLE_NAME, Key: keys.listing(listingId), ...update({ add }) };
}
