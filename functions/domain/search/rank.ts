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
  /** Word-list groups whose terms the title / the description carry. */
  readonly titleGroups: ReadonlySet<number>;
  readonly descGroups: ReadonlySet<number>;
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
    titleGroups: new Set(groupsIn(title)),
    descGroups: new Set(groupsIn(description)),
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

/** A matcher for one normalized query (one word of it): the score of a prepared doc. */
function scorer(nq: string): (p: Prepared) => number {
  const groups = groupsOf(nq);
  const latin = isPinyinQuery(nq);
  const han = isAllHan(nq) && [...nq].length >= 2;
  const qSyl = han ? readingsOf(nq) : [];
  const firstSounds = qSyl[0] ?? [];
  // A group reached by sound (pinyin, homophone) counts as much as the sound match itself.
  const wordScore = (how: How, title: boolean) => {
    const bonus = title ? 3 : 0;
    if (how === "pinyin") return SCORE.wordPinyin + bonus;
    if (how === "homophone") return SCORE.wordHomophone + bonus;
    return (title ? SCORE.titleWord : SCORE.descWord) + (2 - HOW.indexOf(how));
  };
  return (p) => {
    if (p.title.includes(nq)) return SCORE.titleExact + (p.title.startsWith(nq) ? 2 : 0);
    if (p.description.includes(nq)) return SCORE.descExact;
    let best = 0;
    for (const [g, { how }] of groups) {
      if (p.titleGroups.has(g)) best = Math.max(best, wordScore(how, true));
      else if (p.descGroups.has(g)) best = Math.max(best, wordScore(how, false));
    }
    // A title that sounds like the query, and is what the word list says it means, first (理发, not 立法).
    const meant = [...groups.keys()].some((g) => p.titleGroups.has(g)) ? 1 : 0;
    if (best < SCORE.titlePinyin && latin && p.titleLetters.has(nq[0] ?? "") && pinyinMatch(p.titleSyl, nq))
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

/** The ids of the docs that match, best first (all of them: pages are cut from this). */
export function rank(docs: Iterable<Prepared>, q: string | undefined, f: Filters, now: Date): SearchDoc[] {
  const score = q === undefined ? () => 1 : queryScorer(q);
  if (!score) return [];
  const hits: { doc: SearchDoc; score: number; open: boolean }[] = [];
  const nowMs = now.getTime();
  for (const p of docs) {
    if (!passes(p.doc, f)) continue;
    const s = score(p);
    // Browsing without a query keeps the chosen sort alone, as the catalogue's indexes do.
    if (s > 0) hits.push({ doc: p.doc, score: s, open: q !== undefined && joinable(p, nowMs) });
  }
  const sort = bySort(f.sort);
  hits.sort((a, b) => b.score - a.score || Number(b.open) - Number(a.open) || sort(a.doc, b.doc));
  return hits.map((h) => h.doc);
}
