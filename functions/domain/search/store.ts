/**
 * The search index each process (each Lambda) keeps in memory: every published
 * listing's search document, prepared for matching. Loaded whole on first use (one
 * Query of the SEARCH_DOC partition, one request per MB), then kept fresh with one
 * small, strongly consistent Query per search of the SEARCH_CHANGE partition: the
 * changes stamped since the last check, less a margin for writes in flight (a change
 * is readable by its stamp + CHANGE_LATE_MS, sync.ts sees to it), so a search sees
 * every change projected before it. A change already applied is not applied again.
 * The projector writes both (sync.ts); the listings alone can rebuild them
 * (checkSearchIndex).
 */
import { keys } from "../../../shared/keys.ts";
import { queryAll } from "../../lib/query.ts";
import { CHANGE_LATE_MS, SearchDoc } from "./doc.ts";
import { type Prepared, prepare } from "./rank.ts";

/**
 * Changes are re-read this far back: a write in flight when a check ran is seen by the
 * next. A change is readable by its stamp + CHANGE_LATE_MS; the rest is for the clocks
 * of the projector and of this function, which may differ a little. (It was 5 s: right
 * after a burst of writes, every search re-read 5 s of changes.)
 */
export const CHANGE_MARGIN_MS = CHANGE_LATE_MS + 500;
/** A cache that has not checked for this long loads again (changes are kept a day: CHANGE_KEEP_S). */
const RELOAD_AFTER_MS = 6 * 3600_000;

interface Cache {
  docs: Map<string, Prepared>;
  /** When each doc's version was written (the projector's `at`), to keep the newest. */
  at: Map<string, string>;
  checkedAt: number;
}

let cache: Cache | null = null;
let loading: Promise<Cache> | null = null;

const docFields = (row: Record<string, unknown>) => SearchDoc.safeParse(row);

async function load(): Promise<Cache> {
  const startedAt = Date.now();
  const rows = await queryAll({ pk: keys.searchDocPartition() });
  const next: Cache = { docs: new Map(), at: new Map(), checkedAt: startedAt };
  for (const row of rows) {
    const doc = docFields(row);
    if (!doc.success) continue;
    next.docs.set(doc.data.id, prepare(doc.data));
    next.at.set(doc.data.id, String(row.at ?? ""));
  }
  return next;
}

/** Apply one change record; false if the cache already held it or something newer. */
function applyChange(c: Cache, row: Record<string, unknown>): boolean {
  const id = String(row.listingId ?? "");
  const at = String(row.at ?? "");
  // Older than what the cache holds, or the very change it holds (re-read in the margin).
  if (!id || (c.at.get(id) ?? "") >= at) return false;
  c.at.set(id, at);
  const doc = row.gone ? null : docFields(row);
  if (doc?.success) c.docs.set(id, prepare(doc.data));
  else c.docs.delete(id);
  return true;
}

/** Read and apply the changes since the last check: true iff any moved the index. */
async function refresh(c: Cache): Promise<boolean> {
  const startedAt = Date.now();
  const since = new Date(c.checkedAt - CHANGE_MARGIN_MS).toISOString();
  const rows = await queryAll({
    pk: keys.searchChangePartition(),
    sk: { between: [since, "\uffff"] },
    consistent: true,
  });
  // Oldest first (ISO stamps order as strings; localeCompare is far slower).
  const sk = (r: Record<string, unknown>) => String(r.sk);
  let moved = false;
  for (const row of rows.sort((a, b) => (sk(a) < sk(b) ? -1 : sk(a) > sk(b) ? 1 : 0)))
    if (applyChange(c, row)) moved = true;
  c.checkedAt = Math.max(c.checkedAt, startedAt);
  return moved;
}

export interface IndexOptions {
  /**
   * Skip reading the changes if the last check began less than this long ago (suggestions:
   * a hint as one types, not a result page). Default 0: every search reads them.
   */
  staleOkMs?: number;
}

/** The cache, loaded on first use; and the changes since its last check, being read. */
async function open(opts: IndexOptions): Promise<{ c: Cache; moved: Promise<boolean> }> {
  if (!cache || Date.now() - cache.checkedAt > RELOAD_AFTER_MS) {
    loading ??= load().finally(() => {
      loading = null;
    });
    cache = await loading;
    return { c: cache, moved: Promise.resolve(false) };
  }
  if (Date.now() - cache.checkedAt < (opts.staleOkMs ?? 0))
    return { c: cache, moved: Promise.resolve(false) };
  return { c: cache, moved: refresh(cache) };
}

/**
 * `use` over the index as the cache holds it, while the changes since the last check
 * are read (most searches find none, and keep what `use` made meanwhile: the page's
 * read overlaps the changes' Query); if any moved the index, `use` again over the
 * fresh one. Either way the answer sees every change projected before the call.
 */
export async function withSearchIndex<T>(
  use: (docs: Iterable<Prepared>) => T | Promise<T>,
  opts: IndexOptions = {},
): Promise<T> {
  const { c, moved } = await open(opts);
  // In a microtask: the changes' Query is already sent, and a throw from `use` still settles both.
  const [again, first] = await Promise.all([moved, Promise.resolve().then(() => use(c.docs.values()))]);
  return again ? use(c.docs.values()) : first;
}

/** The prepared docs, fresh: loaded on first use, then each call reads the changes since the last. */
export async function searchDocs(): Promise<Iterable<Prepared>> {
  const { c, moved } = await open({});
  await moved;
  return c.docs.values();
}

/** Forget the cache (tests that replace the table; the benchmark's cold load). */
export function dropSearchCache(): void {
  cache = null;
}
