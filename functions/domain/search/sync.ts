/**
 * Writing the search index: from the stream (a listing's change → its document and
 * a change record, only when what search sees moved: most seat changes do not), and
 * whole from the listings (rebuild: the reconcile job checks and repairs it).
 */
import { keys } from "../../../shared/keys.ts";
import { writeAll } from "../../lib/batch.ts";
import { queryAll } from "../../lib/query.ts";
import { Unavailable } from "../errors.ts";
import { ListingItem } from "../listings/item.ts";
import { CHANGE_KEEP_S, CHANGE_LATE_MS, docOf, SearchDoc, sameDoc } from "./doc.ts";

type Image = Record<string, unknown> | undefined;

const listingOf = (image: Image) => {
  if (image?.type !== "listing") return null;
  const parsed = ListingItem.safeParse(image);
  return parsed.success ? parsed.data : null;
};

/** True iff the stream change is a listing's (the search index's business, not the projector's). */
export const isListingChange = (c: { old?: Image; new?: Image }) =>
  c.old?.type === "listing" || c.new?.type === "listing";

/** The change record of one listing's document (or its absence) at `at`. */
function changeOf(id: string, doc: SearchDoc | null, at: string) {
  const ttl = Math.floor(Date.parse(at) / 1000) + CHANGE_KEEP_S;
  return {
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
}

/** The writes that put one listing's document (or its absence) into the index at `at`. */
function writesOf(id: string, doc: SearchDoc | null, at: string) {
  const current = doc
    ? { PutRequest: { Item: { ...keys.searchDoc(id), type: "searchDoc", listingId: id, at, ...doc } } }
    : { DeleteRequest: { Key: keys.searchDoc(id) } };
  return [current, changeOf(id, doc, at)];
}

/** Listings a request (two writes each: 24 of BatchWriteItem's 25). */
const PER_REQUEST = 12;
/** A change still late after this many fresh stamps fails the batch (it is retried). */
const MAX_RESTAMPS = 8;

/**
 * Write documents and their change records, a request at a time, each stamped just
 * before it is sent. A request that comes back later than CHANGE_LATE_MS after its
 * stamp (throttled, retried, a slow moment) writes its change records again with a
 * fresh stamp: every change is readable by its stamp + CHANGE_LATE_MS, which is what
 * lets the caches re-read only a short margin (store.ts).
 */
async function writeStamped(moved: readonly [string, SearchDoc | null][], clock: () => Date) {
  for (let i = 0; i < moved.length; i += PER_REQUEST) {
    const chunk = moved.slice(i, i + PER_REQUEST);
    let at = clock();
    await writeAll(chunk.flatMap(([id, doc]) => writesOf(id, doc, at.toISOString())));
    for (let restamp = 0; clock().getTime() - at.getTime() > CHANGE_LATE_MS; restamp++) {
      if (restamp === MAX_RESTAMPS) throw new Unavailable();
      at = clock();
      await writeAll(chunk.map(([id, doc]) => changeOf(id, doc, at.toISOString())));
    }
  }
}

/** Stream changes of listings, in stream order → the documents that moved, written once each. */
export async function syncSearch(changes: readonly { old?: Image; new?: Image }[], clock = () => new Date()) {
  const moved = new Map<string, SearchDoc | null>();
  for (const c of changes) {
    const before = docOf(listingOf(c.old));
    const after = docOf(listingOf(c.new));
    const id = listingOf(c.new)?.id ?? listingOf(c.old)?.id;
    if (!id) continue;
    if (moved.has(id) || !sameDoc(before, after)) moved.set(id, after);
  }
  await writeStamped([...moved], clock);
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
export async function checkSearchIndex(fix: boolean, clock = () => new Date()): Promise<SearchCheck> {
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
  if (fix && wrong.size > 0) await writeStamped([...wrong], clock);
  return { listings: want.size, missing, stale, extra };
}
