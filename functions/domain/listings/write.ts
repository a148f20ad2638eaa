/**
 * Writing listings: publishing, editing, moderation, each one transaction with the
 * live counts and the calendar pointer that follow from it (the search index follows
 * from the stream: functions/domain/search/sync.ts).
 */
import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { keys } from "../../../shared/keys.ts";
import type { ListingPatch, Listing as ListingView } from "../../../shared/schemas.ts";
import type { User } from "../../lib/auth.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";
import { update } from "../../lib/expr.ts";
import { InvalidTransition, NotFound, NotOwner } from "../errors.ts";
import {
  applyPatch,
  communityCountAttr,
  indexAttributes,
  type ListingItem,
  toView,
  versionedUpdate,
} from "./item.ts";
import { getListingItem } from "./read.ts";

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

/** Write a new listing, its owner's shop profile and the live counts. */
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

/**
 * Move a listing from `current` to the one `change` makes of it (re-read on each
 * try): the versioned listing update, the live counts and the calendar pointer in
 * one transaction, tried again when another write got there first.
 */
async function changeListing(
  id: string,
  change: (current: ListingItem) => ListingItem,
  guard: (u: ReturnType<typeof versionedUpdate>, next: ListingItem) => ReturnType<typeof versionedUpdate> = (
    u,
  ) => u,
): Promise<{ current: ListingItem; next: ListingItem }> {
  for (let attempt = 0; ; attempt++) {
    const current = await getListingItem(id, true);
    if (!current) throw new NotFound("服务");
    const next = change(current);
    const delta = countDelta(current, next);
    try {
      await ddb.send(
        new TransactWriteCommand({
          TransactItems: [
            { Update: guard(versionedUpdate(current, next), next) },
            ...(Object.keys(delta).length ? [{ Update: countsUpdate(delta) }] : []),
            calendarEntry(next),
          ],
        }),
      );
      return { current, next };
    } catch (err) {
      if ((err as Error).name === "TransactionCanceledException" && attempt < 3) continue;
      throw err;
    }
  }
}

export async function patchListing(
  user: User,
  id: string,
  patch: ListingPatch,
  now = new Date(),
): Promise<ListingView> {
  const { current, next } = await changeListing(
    id,
    (current) => {
      if (current.volunteerId !== user.id) throw new NotOwner("只能修改自己发布的服务");
      return applyPatch(current, patch, now);
    },
    (u, next) => capacityGuard(u, next.capacity),
  );
  return toView({ ...next, version: current.version + 1 });
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

/**
 * Admin moderation: pause any published (or owner-paused) listing, recording who
 * paused it, when and why. The pause sticks: the owner's PATCH cannot publish it
 * again (applyPatch: PAUSED_BY_ADMIN) until an admin resumes it.
 */
export async function pauseListingAsAdmin(
  admin: User,
  id: string,
  reason: string,
  now = new Date(),
): Promise<ListingView> {
  const at = now.toISOString();
  const { current, next } = await changeListing(id, (current) => {
    if (current.status !== "published" && !(current.status === "paused" && !current.pausedBy))
      throw new InvalidTransition(current.status, "暂停");
    return {
      ...current,
      status: "paused",
      pausedReason: reason,
      pausedBy: admin.id,
      pausedAt: at,
      updatedAt: at,
    };
  });
  return toView({ ...next, version: current.version + 1 });
}

/** Admin moderation: lift an admin's pause; the listing is published again. */
export async function resumeListingAsAdmin(id: string, now = new Date()): Promise<ListingView> {
  const { current, next } = await changeListing(id, (current) => {
    if (current.status !== "paused") throw new InvalidTransition(current.status, "恢复上架");
    const { pausedReason: _r, pausedBy: _b, pausedAt: _a, ...rest } = current;
    return { ...rest, status: "published", updatedAt: now.toISOString() };
  });
  return toView({ ...next, version: current.version + 1 });
}

/** PIPL erasure (privacy/erase.ts): the owner's name replaced, and the listing closed. */
export async function eraseListingOwner(id: string, name: string, now = new Date()): Promise<void> {
  await changeListing(id, (current) => ({
    ...current,
    volunteerName: name,
    status: "closed",
    updatedAt: now.toISOString(),
  }));
}
