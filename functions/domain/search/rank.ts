/**
 * Ranking a query over the prepared docs, in memory: best first. A title match before
 * a description match; the resident's exact words before a synonym from the word
 * list, before typed pinyin or initials, before a homophone; then a listing she can
 * still join before a full one; then the chosen sort. Filters apply first.
 */
import type { ListingQuery } from "../../../shared/schemas.ts";
import type { SearchDoc } from "./doc.ts";
import { homophoneMatch, isAllHan, isPinyinQuery, normalize, pinyinMatch, readingsOf } from "./text.ts";
import { groupsIn, groupsOf, HOW, type How } from "./words.ts";

export interface Prepared {
  readonly doc: SearchDoc;
  readonly title: string;
  readonly description: string;
  readonly titleSyl: string[][];
  /** Every reading of the title's characters, and their first letters: a cheap test before the pinyin walk. */
  readonly titleReadings: ReadonlySet<string>;
  readonly titleLetters: ReadonlySet<string>;
  /** A one-off event's start (ms), to tell a past one. */
  readonly startsAtMs: number | undefined;
  /** Word-list groups whose terms the title / the description carry (a few each). */
  readonly titleGroups: readonly number[];
  readonly descGroups: readonly number[];
}

export function prepare(doc: SearchDoc): Prepared {
  const title = normalize(doc.title);
  const description = normalize(doc.description);
  const titleSyl = readingsOf(title);
  const titleReadings = new Set(titleSyl.flat());
  return {
    doc,
    title,
    description,
    titleSyl,
    titleReadings,
    titleLetters: new Set([...titleReadings].map((r) => r[0] ?? "")),
    startsAtMs: doc.startsAt === undefined ? undefined : Date.parse(doc.startsAt),
    titleGroups: groupsIn(title),
    descGroups: groupsIn(description),
  };
}

/** Scores by what matched (higher is better; 0 is no match). */
export const SCORE = {
  titleExact: 100,
  descExact: 80,
  titleWord: 60,
  descWord: 45,
  titlePinyin: 40,
  wordPinyin: 30,
  titleHomophone: 28,
  wordHomophone: 22,
} as const;

// A group reached by sound (pinyin, homophone) counts as much as the sound match itself.
const wordScore = (how: How, title: boolean) => {
  const bonus = title ? 3 : 0;
  if (how === "pinyin") return SCORE.wordPinyin + bonus;
  if (how === "homophone") return SCORE.wordHomophone + bonus;
  return (title ? SCORE.titleWord : SCORE.descWord) + (2 - HOW.indexOf(how));
};

/**
 * A matcher for one normalized query (one word of it): the score of a prepared doc.
 * Everything that depends on the query alone is worked out here, once; the returned
 * function runs for every document and allocates nothing.
 */
function scorer(nq: string): (p: Prepared) => number {
  const groups = groupsOf(nq);
  const latin = isPinyinQuery(nq);
  const first = nq[0] ?? "";
  const han = isAllHan(nq) && [...nq].length >= 2;
  const qSyl = han ? readingsOf(nq) : [];
  const firstSounds = qSyl[0] ?? [];
  // The score of each group the query touches, found in a title / in a description (a
  // title's is the higher for every way of matching, so the best of both is the best).
  const inTitle = new Map<number, number>();
  const inDesc = new Map<number, number>();
  for (const [g, { how }] of groups) {
    inTitle.set(g, wordScore(how, true));
    inDesc.set(g, wordScore(how, false));
  }
  return (p) => {
    if (p.title.includes(nq)) return SCORE.titleExact + (p.title.startsWith(nq) ? 2 : 0);
    if (p.description.includes(nq)) return SCORE.descExact;
    let best = 0;
    // A title that sounds like the query, and is what the word list says it means, first (理发, not 立法).
    let meant = 0;
    if (groups.size > 0) {
      for (const g of p.titleGroups) {
        const s = inTitle.get(g);
        if (s === undefined) continue;
        meant = 1;
        if (s > best) best = s;
      }
      for (const g of p.descGroups) {
        const s = inDesc.get(g);
        if (s !== undefined && s > best) best = s;
      }
    }
    if (best < SCORE.titlePinyin && latin && p.titleLetters.has(first) && pinyinMatch(p.titleSyl, nq))
      best = SCORE.titlePinyin + meant;
    if (
      best < SCORE.titleHomophone &&
      han &&
      firstSounds.some((r) => p.titleReadings.has(r)) &&
      homophoneMatch(p.titleSyl, qSyl)
    )
      best = SCORE.titleHomophone + meant;
    return best;
  };
}

/** The score function of a whole query: as typed, or else every space-separated word of it. */
export function queryScorer(q: string): ((p: Prepared) => number) | null {
  const whole = normalize(q);
  if (whole === "") return null;
  const wholeScore = scorer(whole);
  const parts = q
    .split(/\s+/u)
    .map(normalize)
    .filter((w) => w !== "");
  // Typed pinyin with spaces (li fa) is one word; words with spaces must all match
  // (short pinyin pieces alone, like li, would match too much).
  if (parts.length < 2 || (isPinyinQuery(whole) && parts.some((w) => w.length < 3))) return wholeScore;
  const partScores = parts.map(scorer);
  return (p) => wholeScore(p) || Math.min(...partScores.map((s) => s(p)));
}

/** A resident can still join: a seat left, and not a one-off event already begun. */
const joinable = (p: Prepared, nowMs: number) =>
  !p.doc.full && (p.startsAtMs === undefined || p.startsAtMs > nowMs);

export type Filters = Pick<ListingQuery, "category" | "community" | "kind" | "sort">;

const bySort = (sort: Filters["sort"]) => (a: SearchDoc, b: SearchDoc) => {
  if (sort === "rating" && b.ratingAvg !== a.ratingAvg) return b.ratingAvg - a.ratingAvg;
  if (sort === "rating" && b.ratingCount !== a.ratingCount) return b.ratingCount - a.ratingCount;
  if (sort === "popular" && b.completedCount !== a.completedCount) return b.completedCount - a.completedCount;
  // Newest first; plain comparison (ISO times order as strings; localeCompare is far slower).
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
};

export const passes = (d: SearchDoc, f: Filters) =>
  (!f.category || d.category === f.category) &&
  (!f.community || d.community === f.community) &&
  (!f.kind || d.kind === f.kind);

/** A match, and where it stands: its score, then (one bit below) whether one can still join. */
interface Hit {
  doc: SearchDoc;
  key: number;
}

/** Every doc that passes the filters and matches, unordered. */
function hitsOf(docs: Iterable<Prepared>, q: string | undefined, f: Filters, now: Date): Hit[] {
  const score = q === undefined ? () => 1 : queryScorer(q);
  if (!score) return [];
  const hits: Hit[] = [];
  const nowMs = now.getTime();
  for (const p of docs) {
    if (!passes(p.doc, f)) continue;
    const s = score(p);
    // Browsing without a query keeps the chosen sort alone, as the catalogue's indexes do.
    if (s > 0) hits.push({ doc: p.doc, key: s * 2 + (q !== undefined && joinable(p, nowMs) ? 1 : 0) });
  }
  return hits;
}

const order = (sort: Filters["sort"]) => {
  const by = bySort(sort);
  return (a: Hit, b: Hit) => b.key - a.key || by(a.doc, b.doc);
};

/** The docs that match, best first (all of them: pages are cut from this). */
export function rank(docs: Iterable<Prepared>, q: string | undefined, f: Filters, now: Date): SearchDoc[] {
  const hits = hitsOf(docs, q, f, now);
  hits.sort(order(f.sort));
  return hits.map((h) => h.doc);
}

/** The `k` best docs that match, best first: what `rank(…).slice(0, k)` gives, without sorting them all. */
export function rankTop(
  docs: Iterable<Prepared>,
  q: string | undefined,
  f: Filters,
  now: Date,
  k: number,
): SearchDoc[] {
  if (k <= 0) return [];
  const before = order(f.sort);
  const top: Hit[] = [];
  for (const h of hitsOf(docs, q, f, now)) {
    const last = top[top.length - 1];
    if (top.length === k && last && before(h, last) >= 0) continue;
    let i = Math.min(top.length, k - 1);
    while (i > 0 && before(h, top[i - 1] as Hit) < 0) i--;
    top.splice(i, 0, h);
    if (top.length > k) top.pop();
  }
  return top.map((h) => h.doc);
}
