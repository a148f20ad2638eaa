/**
 * Suggestions as the resident types (GET /api/search/suggest): the best listings for
 * what she has typed so far, the categories it points to, and words from the word
 * list (what volunteers call it, and everyday phrases it starts). At most 8.
 */
import { CATEGORIES } from "../../../shared/categories.ts";
import type { Suggestion } from "../../../shared/schemas.ts";
import { type Prepared, rankTop } from "./rank.ts";
import { withSearchIndex } from "./store.ts";
import { normalize } from "./text.ts";
import { GROUPS, groupsOf, HOW, WORDS } from "./words.ts";

export const MAX_SUGGESTIONS = 8;
/**
 * Suggestions skip reading the index's changes when the last check began less than
 * this long ago: a hint as one types (a keystroke every few hundred ms), well inside
 * the 2 s a new listing has to be found in; the results page always reads them.
 */
export const SUGGEST_STALE_OK_MS = 500;
const MAX_LISTINGS = 4;
const MAX_CATEGORIES = 2;

export function suggest(docs: Iterable<Prepared>, q: string, now: Date): Suggestion[] {
  const nq = normalize(q);
  if (nq === "") return [];
  const out: Suggestion[] = [];
  const seen = new Set<string>();
  const add = (s: Suggestion) => {
    const key = `${s.kind}:${normalize(s.text)}`;
    if (out.length >= MAX_SUGGESTIONS || seen.has(key)) return;
    seen.add(key);
    out.push(s);
  };
  const ranked = rankTop(docs, q, { sort: "new" }, now, MAX_LISTINGS);
  for (const d of ranked) add({ text: d.title, kind: "listing", id: d.id, slug: d.category });

  const hits = [...groupsOf(nq)].sort(([, a], [, b]) => HOW.indexOf(a.how) - HOW.indexOf(b.how));
  // Categories: named by the query, else those of its word groups, else of the best listings.
  const slugs = [
    ...CATEGORIES.filter((c) => normalize(c.name).includes(nq)).map((c) => c.slug),
    ...hits.map(([g]) => GROUPS[g]?.category),
    ...ranked.map((d) => d.category),
  ].filter((s) => s !== undefined);
  for (const slug of [...new Set(slugs)].slice(0, MAX_CATEGORIES)) {
    const c = CATEGORIES.find((c) => c.slug === slug);
    if (c) add({ text: c.name, kind: "category", slug: c.slug });
  }
  // Words: what volunteers call what she typed, then everyday phrases that start with it.
  for (const [g] of hits) {
    const group = GROUPS[g];
    const term = group?.terms[0];
    if (group && term && normalize(term) !== nq) add({ text: term, kind: "word", slug: group.category });
  }
  for (const w of WORDS)
    if (w.norm.startsWith(nq) && w.norm !== nq) add({ text: w.text, kind: "word", slug: w.category });
  return out;
}

/** Suggestions over the search index (GET /api/search/suggest). */
export const suggestions = (q: string, now = new Date()): Promise<Suggestion[]> =>
  withSearchIndex((docs) => suggest(docs, q, now), { staleOkMs: SUGGEST_STALE_OK_MS });
