/**
 * The catalogue: browsing (one Query on the index serving the sort and scope) and,
 * with a query or a filter the indexes do not key, the search index (functions/domain/search).
 * Apart from read.ts so that only GET /api/listings carries the search code.
 */

import { keys } from "../../../shared/keys.ts";
import type { ListingQuery, Listing as ListingView } from "../../../shared/schemas.ts";
import { decodeCursor, encodeCursor, keyOf } from "../../lib/cursor.ts";
import { keyAttributes, queryPage } from "../../lib/query.ts";
import { ValidationFailed } from "../errors.ts";
import type { SearchDoc } from "../search/doc.ts";
import { rank } from "../search/rank.ts";
import { withSearchIndex } from "../search/store.ts";
import { ListingItem, toView } from "./item.ts";
import { getListingItems, type Page } from "./read.ts";

/**
 * Browse published listings. Unfiltered or by category: one Query on the index that
 * serves the sort and scope. With a query (`q`) or a filter the indexes do not key
 * (community, kind): the search index in memory ranks every match, and the page's
 * listings are read fresh in one BatchGetItem, so a page holds `limit` items while
 * more exist.
 */
export async function browse(query: ListingQuery): Promise<Page<ListingView>> {
  if (query.q !== undefined || query.community || query.kind) return search(query);
  const { index, pk } = keys.catalogueIndex(query.sort, query.category);
  const keyAttrs = keyAttributes(index);
  const start = decodeCursor(query.cursor, keyAttrs);
  const res = await queryPage({
    index,
    pk,
    newestFirst: true,
    limit: query.limit + 1,
    ...(start ? { start } : {}),
  });
  const rows = res.items;
  const page = rows.slice(0, query.limit);
  const more = rows.length > query.limit;
  const last = page.at(-1);
  const nextCursor = more && last ? encodeCursor(keyOf(last, keyAttrs)) : encodeCursor(res.lastKey);
  return { items: page.map((r) => toView(ListingItem.parse(r))), nextCursor };
}

/** A search page's cursor: how many ranked results came before it. */
const OFFSET = ["offset"] as const;

/**
 * Ranked by the search index; the page's listings read fresh (one BatchGetItem, more
 * only if some went), while the index's changes since the last search are read. If a
 * change moved the index, the page is ranked again and only listings not yet read are.
 */
async function search(query: ListingQuery): Promise<Page<ListingView>> {
  const start = Number(decodeCursor(query.cursor, OFFSET)?.offset ?? 0);
  if (!Number.isSafeInteger(start) || start < 0)
    throw new ValidationFailed("分页参数无效", [{ in: "query", path: "cursor", message: "invalid cursor" }]);
  const now = new Date();
  const read = new Map<string, ListingItem | undefined>();
  return withSearchIndex((docs) => readPage(rank(docs, query.q, query, now), start, query.limit, read));
}

/** The page of `ranked` from `start`: `limit` published listings while more exist (`read`: those already read). */
async function readPage(
  ranked: readonly SearchDoc[],
  start: number,
  limit: number,
  read: Map<string, ListingItem | undefined>,
): Promise<Page<ListingView>> {
  const items: ListingItem[] = [];
  let next = start;
  while (items.length < limit && next < ranked.length) {
    const want = ranked.slice(next, next + limit - items.length);
    next += want.length;
    const unread = want.map((d) => d.id).filter((id) => !read.has(id));
    if (unread.length > 0) {
      const found = await getListingItems(unread);
      for (const id of unread) read.set(id, found.get(id));
    }
    for (const d of want) {
      const item = read.get(d.id);
      // The index may lag the listing by a moment: one that went meanwhile is left out.
      if (item?.status === "published") items.push(item);
    }
  }
  const nextCursor = next < ranked.length ? encodeCursor({ offset: String(next) }) : null;
  return { items: items.map(toView), nextCursor };
}
