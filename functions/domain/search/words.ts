/**
 * The word list (shared/search/words.ts), compiled once per process: each word and
 * term normalized, with its readings, and which groups a query touches.
 */
import type { CategorySlug } from "../../../shared/categories.ts";
import { FILLER, WORD_GROUPS, type WordGroup } from "../../../shared/search/words.ts";
import { homophoneMatch, isAllHan, isPinyinQuery, normalize, pinyinMatch, readingsOf } from "./text.ts";

export interface CompiledWord {
  readonly text: string;
  readonly norm: string;
  readonly syl: string[][];
  readonly group: number;
  readonly category: CategorySlug;
}

export interface CompiledGroup extends WordGroup {
  readonly index: number;
  /** What a listing may carry to belong to the group: terms and words, normalized, two characters or more. */
  readonly needles: readonly string[];
}

export const GROUPS: readonly CompiledGroup[] = WORD_GROUPS.map((g, index) => ({
  ...g,
  index,
  needles: [...new Set([...g.terms, ...g.words].map(normalize))].filter((n) => [...n].length >= 2),
}));

export const WORDS: readonly CompiledWord[] = GROUPS.flatMap((g) =>
  [...new Set([...g.terms, ...g.words])].map((text) => {
    const norm = normalize(text);
    return { text, norm, syl: readingsOf(norm), group: g.index, category: g.category };
  }),
);

/**
 * How a query names a group, strongest first: it is one of its words, contains one,
 * starts one (still typing), shares two characters or more with one (空调坏了 and
 * 修空调; not mere filler like 坏了), is one in typed pinyin or initials, or sounds
 * like one.
 */
export const HOW = ["word", "contains", "starts", "overlaps", "pinyin", "homophone"] as const;
export type How = (typeof HOW)[number];

export interface GroupHit {
  how: How;
  word: CompiledWord;
}

/** The groups a normalized query touches, how, and the word that did it. */
export function groupsOf(nq: string): Map<number, GroupHit> {
  const out = new Map<number, GroupHit>();
  const note = (w: CompiledWord, how: How) => {
    const had = out.get(w.group);
    if (!had || HOW.indexOf(how) < HOW.indexOf(had.how)) out.set(w.group, { how, word: w });
  };
  const qLen = [...nq].length;
  const latin = isPinyinQuery(nq);
  const han = isAllHan(nq);
  const qSyl = han ? readingsOf(nq) : [];
  for (const w of WORDS) {
    if (w.norm === nq) note(w, "word");
    else if ([...w.norm].length >= 2 && nq.includes(w.norm)) note(w, "contains");
    else if (qLen >= 2 && w.norm.startsWith(nq)) note(w, "starts");
    else if (!latin && sharesPiece(nq, w.norm)) note(w, "overlaps");
    else if (latin && pinyinMatch(w.syl, nq, true)) note(w, "pinyin");
    else if (han && qLen >= 2 && homophoneMatch(w.syl, qSyl, true)) note(w, "homophone");
  }
  return out;
}

const FILLER_SET = new Set(FILLER.map(normalize));

/** True iff `a` and `b` share a piece of two characters that is not filler. */
function sharesPiece(a: string, b: string): boolean {
  const chars = [...a];
  for (let i = 0; i + 1 < chars.length; i++) {
    const piece = `${chars[i]}${chars[i + 1]}`;
    if (!FILLER_SET.has(piece) && b.includes(piece)) return true;
  }
  return false;
}

/** Each needle by its first character, with its group: a text is read once, not once per needle. */
const NEEDLES_BY_FIRST: ReadonlyMap<string, readonly { needle: string; group: number }[]> = (() => {
  const map = new Map<string, { needle: string; group: number }[]>();
  for (const g of GROUPS)
    for (const needle of g.needles) {
      const first = String.fromCodePoint(needle.codePointAt(0) ?? 0);
      map.set(first, [...(map.get(first) ?? []), { needle, group: g.index }]);
    }
  return map;
})();

/** The groups whose needles a (normalized) text carries. */
export function groupsIn(normalizedText: string): number[] {
  const found = new Set<number>();
  let at = 0;
  for (const ch of normalizedText) {
    for (const { needle, group } of NEEDLES_BY_FIRST.get(ch) ?? [])
      if (!found.has(group) && normalizedText.startsWith(needle, at)) found.add(group);
    at += ch.length;
  }
  return [...found];
}
