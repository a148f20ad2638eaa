/**
 * Reading needs: one by id (as its viewer may see it), the need board (a
 * community's open needs, then the district's, oldest first), a resident's and a
 * worker's own lists. Each is one Query of one partition.
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { keys } from "../../../shared/keys.ts";
import type { Need, NeedQuery } from "../../../shared/needs.ts";
import type { User } from "../../lib/auth.ts";
import { decodeCursor, encodeCursor } from "../../lib/cursor.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";
import { keyAttributes, queryPage } from "../../lib/query.ts";
import { NotFound, NotOwner } from "../errors.ts";
import { communityOf } from "../staff/registry.ts";
import { NeedItem, toNeedView, viewerOfNeed } from "./item.ts";

export async function getNeedItem(id: string): Promise<NeedItem | null> {
  const res = await ddb.send(
    new GetCommand({ TableName: TABLE_NAME, Key: keys.need(id), ConsistentRead: true }),
  );
  return res.Item ? NeedItem.parse(res.Item) : null;
}

export async function needOr404(id: string): Promise<NeedItem> {
  const n = await getNeedItem(id);
  if (!n) throw new NotFound("需求");
  return n;
}

/** One need: its resident and the worker who posted it see all; a resident who is not its own: 403. */
export async function getNeed(user: User, id: string, now = new Date()): Promise<Need> {
  const n = await needOr404(id);
  const viewer = viewerOfNeed(n, user);
  if (user.role === "resident" && viewer !== "owner") throw new NotOwner("只能查看自己的需求");
  if (viewer === "board" && n.hidden && user.role !== "admin") throw new NotFound("需求");
  return toNeedView(n, viewer, now);
}

const PAGE = 20;

async function page(
  index: "gsi1" | "gsi2" | "gsi3" | "gsi5",
  pk: string,
  cursor: string | undefined,
  newestFirst: boolean,
  show: (n: NeedItem) => Need,
  filter?: { category?: string | undefined },
): Promise<{ items: Need[]; nextCursor: string | null }> {
  const keyAttrs = keyAttributes(index);
  const start = decodeCursor(cursor, keyAttrs);
  const res = await queryPage({
    index,
    pk,
    ...(filter?.category ? { equals: { category: filter.category } } : {}),
    newestFirst,
    limit: filter?.category ? 100 : PAGE,
    ...(start ? { start } : {}),
  });
  return {
    items: res.items.map((r) => show(NeedItem.parse(r))),
    nextCursor: encodeCursor(res.lastKey as Parameters<typeof encodeCursor>[0]),
  };
}

/**
 * The need board (volunteers, staff, admins): open needs by default, oldest first, of
 * one community (`community`), or of the whole district without one. A community
 * worker sees their own community's board. No contact; names masked.
 */
export async function needBoard(user: User, q: NeedQuery, now = new Date()) {
  const status = q.status ?? "open";
  const community = user.role === "staff" ? communityOf(user) : q.community;
  const show = (n: NeedItem) => toNeedView(n, viewerOfNeed(n, user), now);
  return community
    ? page("gsi1", keys.communityNeeds(community, status), q.cursor, false, show, q)
    : page("gsi2", keys.districtNeeds(status), q.cursor, false, show, q);
}

/** My needs (resident), newest first, in full. */
export const myNeeds = (user: User, cursor?: string, now = new Date()) =>
  page("gsi3", keys.residentNeeds(user.id), cursor, true, (n) => toNeedView(n, "owner", now));

/** The needs this worker posted for residents, newest first, in full. */
export const staffNeeds = (user: User, cursor?: string, now = new Date()) =>
  page("gsi5", keys.staffNeeds(user.id), cursor, true, (n) => toNeedView(n, "named", now));
