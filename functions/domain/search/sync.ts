/**
 * Writing the search index: from the stream (a listing's change → its document and
 * a change record, only when what search sees moved: most seat changes do not), and
 * whole from the listings (rebuild: the reconcile job checks and repairs it).
 */
import { keys } from "../../../shared/keys.ts";
import { writeAll } from "../../lib/batch.ts";
import { queryAll } from "../../lib/query.ts";
import { ListingItem } from "../listings/item.ts";
import { CHANGE_KEEP_S, docOf, SearchDoc, sameDoc } from "./doc.ts";

type Image = Record<string, unknown> | undefined;

const listingOf = (image: Image) => {
  if (image?.type !== "listing") return null;
  const parsed = ListingItem.safeParse(image);
  return parsed.success ? parsed.data : null;
};

/** True iff the stream change is a listing's (the search index's business, not the projector's). */
export const isListingChange = (c: { old?: Image; new?: Image }) =>
  c.old?.type === "listing" || c.new?.type === "listing";

/** The writes that put one listing's document (or its absence) into the index at `at`. */
function writesOf(id: string, doc: SearchDoc | null, at: string) {
  const ttl = Math.floor(Date.parse(at) / 1000) + CHANGE_KEEP_S;
  const change = {
    PutRequest: {
      Item: {
        ...keys.searchChange(at, id),
        type: "searchChange",
        listingId: id,
        at,
        ttl,
        ...(doc ? doc : { gone: true }),
      },
    },
  };
  const current = doc
    ? { PutRequest: { Item: { ...keys.searchDoc(id), type: "searchDoc", listingId: id, at, ...doc } } }
    : { DeleteRequest: { Key: keys.searchDoc(id) } };
  return [current, change];
}

/** Stream changes of listings, in stream order → the documents that moved, written once each. */
export async function syncSearch(changes: readonly { old?: Image; new?: Image }[], now = new Date()) {
  const moved = new Map<string, SearchDoc | null>();
  for (const c of changes) {
    const before = docOf(listingOf(c.old));
    const after = docOf(listingOf(c.new));
    const id = listingOf(c.new)?.id ?? listingOf(c.old)?.id;
    if (!id) continue;
    if (moved.has(id) || !sameDoc(before, after)) moved.set(id, after);
  }
  const at = now.toISOString();
  await writeAll([...moved].flatMap(([id, doc]) => writesOf(id, doc, at)));
  return moved.size;
}

export interface SearchCheck {
  listings: number;
  missing: number;
  stale: number;
  extra: number;
}

/**
 * The index against the published listings (the catalogue's index of all, newest first): documents missing,
 * different or left over. With `fix`, writes what is wrong (and the change records
 * that bring the caches along).
 */
export async function checkSearchIndex(fix: boolean, now = new Date()): Promise<SearchCheck> {
  const [listings, stored] = await Promise.all([
    queryAll(keys.catalogueIndex("new")),
    queryAll({ pk: keys.searchDocPartition() }),
  ]);
  const want = new Map<string, SearchDoc>();
  for (const row of listings) {
    const doc = docOf(ListingItem.safeParse(row).data);
    if (doc) want.set(doc.id, doc);
  }
  const have = new Map<string, SearchDoc | null>(
    stored.map((row) => [String(row.listingId ?? row.sk), SearchDoc.safeParse(row).data ?? null]),
  );
  const wrong = new Map<string, SearchDoc | null>();
  let missing = 0;
  let stale = 0;
  let extra = 0;
  for (const [id, doc] of want) {
    const got = have.get(id);
    if (got === undefined) missing++;
    else if (!sameDoc(got, doc)) stale++;
    else continue;
    wrong.set(id, doc);
  }
  for (const id of have.keys())
    if (!want.has(id)) {
      extra++;
      wrong.set(id, null);
    }
  if (fix && wrong.size > 0) {
    const at = now.toISOString();
    await writeAll([...wrong].flatMap(([id, doc]) => writesOf(id, doc, at)));
  }
  return { listings: want.size, missing, stale, extra };
}
