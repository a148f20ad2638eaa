/**
 * A listing as stored, how it is shown, the index attributes it carries in each
 * state, and its rules: which status moves are allowed and what a patch may do.
 */
import * as z from "zod/mini";
import { keys } from "../../../shared/keys.ts";
import { Photo } from "../../../shared/photos.ts";
import type {
  ListingInput,
  ListingPatch,
  ListingStatus,
  Listing as ListingView,
} from "../../../shared/schemas.ts";
import { endsAfterStart, eventHasStart, Listing } from "../../../shared/schemas.ts";
import { TABLE } from "../../../shared/table.ts";
import type { User } from "../../lib/auth.ts";
import { TABLE_NAME } from "../../lib/db.ts";
import { update, withCondition } from "../../lib/expr.ts";
import { newId } from "../../lib/ids.ts";
import { Conflict, InvalidTransition } from "../errors.ts";

/** A listing as stored. Parsed on every read: nothing from the table is trusted by cast. */
export const ListingItem = z.extend(
  z.pick(Listing, {
    id: true,
    title: true,
    description: true,
    category: true,
    kind: true,
    community: true,
    mode: true,
    startsAt: true,
    endsAt: true,
    schedule: true,
    status: true,
    createdAt: true,
    updatedAt: true,
    place: true,
  }),
  {
    // What the view shows differently: counters may be absent on old items, the owner flat, ratings as sums.
    capacity: z.number(),
    seatsTaken: z._default(z.number(), 0),
    waitlistCount: z._default(z.number(), 0),
    volunteerId: z.string(),
    volunteerName: z.string(),
    /** The owner's party branch when the listing was made (for the branch stats). */
    volunteerBranch: z._default(z.string(), ""),
    ratingSum: z._default(z.number(), 0),
    ratingCount: z._default(z.number(), 0),
    completedCount: z._default(z.number(), 0),
    version: z._default(z.number(), 0),
    pausedReason: z.optional(z.string()),
    /** An admin's pause (issue 19.3): who paused it and when; the owner cannot publish it again. */
    pausedBy: z.optional(z.string()),
    pausedAt: z.optional(z.string()),
    /** Processed photos in the owner's order, and uploads asked for but not processed yet (photos/). */
    photos: z._default(z.array(Photo), []),
    pendingPhotos: z._default(z.array(z.object({ id: z.string(), at: z.string() })), []),
  },
);
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
    ...(item.status === "paused" && item.pausedBy
      ? { adminPause: { reason: item.pausedReason ?? "", pausedAt: item.pausedAt ?? item.updatedAt } }
      : {}),
    volunteer: { id: item.volunteerId, name: item.volunteerName },
    ratingAvg: ratingAvg(item.ratingSum, item.ratingCount),
    ratingCount: item.ratingCount,
    completedCount: item.completedCount,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    ...(item.place ? { place: item.place } : {}),
    photos: item.photos,
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
  const removeFields = (["startsAt", "endsAt", "pausedReason", "pausedBy", "pausedAt"] as const).filter(
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
    photos: [],
    pendingPhotos: [],
    createdAt: at,
    updatedAt: at,
    ...(input.place ? { place: input.place } : {}),
  };
}

export function applyPatch(current: ListingItem, patch: ListingPatch, now: Date): ListingItem {
  if (patch.status && !nextStatusAllowed(current.status, patch.status)) {
    throw new InvalidTransition(current.status, `改为 ${patch.status}`);
  }
  if (current.status === "closed") throw new Conflict("LISTING_CLOSED", "已结束的服务不能再修改");
  if (current.status === "paused" && current.pausedBy && patch.status === "published")
    throw new Conflict("PAUSED_BY_ADMIN", undefined, [{ reason: current.pausedReason ?? "" }]);
  if (patch.capacity !== undefined && patch.capacity < current.seatsTaken) {
    throw new Conflict("CAPACITY_BELOW_BOOKINGS", `已有 ${current.seatsTaken} 人报名，名额不能少于此数`);
  }
  const next: ListingItem = { ...current, updatedAt: now.toISOString() };
  if (patch.photos) next.photos = reorderPhotos(current.photos, patch.photos, current.title);
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || k === "photos") continue;
    (next as Record<string, unknown>)[k] = v === null ? undefined : v;
  }
  // The listing rules of shared/schemas.ts, on the listing as the patch leaves it.
  if (!eventHasStart(next)) throw new Conflict("EVENT_NEEDS_START");
  if (!endsAfterStart(next)) throw new Conflict("INVALID_TIME_RANGE");
  if (next.status !== "paused") {
    delete next.pausedReason;
    delete next.pausedBy;
    delete next.pausedAt;
  }
  return next;
}

/**
 * The listing's photos in the order a patch asks, each with its alt text (the title when left
 * empty): the patch names every photo once, or the photos changed since the owner looked.
 */
export function reorderPhotos(
  current: readonly Photo[],
  order: readonly { id: string; alt: string }[],
  title: string,
): Photo[] {
  const byId = new Map(current.map((p) => [p.id, p]));
  const ids = new Set(order.map((o) => o.id));
  if (ids.size !== order.length || ids.size !== byId.size || order.some((o) => !byId.has(o.id)))
    throw new Conflict("PHOTO_ORDER_MISMATCH");
  return order.map((o) => ({ ...(byId.get(o.id) as Photo), alt: o.alt || title }));
}

/** Used by the seat-taking transactions of bookings: the raw counters update. */
export function seatUpdate(listingId: string, change: { seats?: number; waitlist?: number }) {
  const add: Record<string, number> = {};
  if (change.seats) add.seatsTaken = change.seats;
  if (change.waitlist) add.waitlistCount = change.waitlist;
  return { TableName: TABLE_NAME, Key: keys.listing(listingId), ...update({ add }) };
}
