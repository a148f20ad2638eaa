/**
 * The text side of search: normalized forms, toneless pinyin readings per character
 * (from the table generated from pinyin-pro), and the two pinyin matches a resident's
 * keyboard needs: typed pinyin (`lifa`, `li fa`, `LiFa`, or initials `jdwx`) and a
 * homophone slip (理法 for 理发).
 */
import { PINYIN_TABLE } from "../../../shared/search/pinyin-table.ts";

/** NFKC, lower case, no spaces, punctuation or symbols: the form texts and queries are compared in. */
export function normalize(text: string): string {
  // Until nothing changes: dropping a space can join a combining mark to the letter before
  // it (㎙˙ → "fm" + U+0307), which NFKC then composes (ṁ); a query must normalize as its text.
  let out = text;
  for (let i = 0; i < 4; i++) {
    const next = out
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[\s\p{P}\p{S}]+/gu, "");
    if (next === out) break;
    out = next;
  }
  return out;
}

const READINGS: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const line of PINYIN_TABLE.split(";")) {
    const [syllable, chars] = line.split(" ");
    if (!syllable || !chars) continue;
    for (const ch of chars) map.set(ch, [...(map.get(ch) ?? []), syllable]);
  }
  return map;
})();

/** Each character's readings: a Han character's toneless pinyin, any other character itself. */
export function readingsOf(normalized: string): string[][] {
  return [...normalized].map((ch) => [...(READINGS.get(ch) ?? [ch])]);
}

/** True iff every character of the text is Han with a known reading. */
export const isAllHan = (normalized: string) =>
  normalized !== "" && [...normalized].every((ch) => READINGS.has(ch));

/** Typed pinyin: ASCII letters only, at least two. */
export const isPinyinQuery = (normalized: string) => /^[a-z]{2,}$/.test(normalized);

const INITIAL_2 = /^(zh|ch|sh)/;

type Readings = readonly (readonly string[])[];

/** Typed pinyin in full syllables from character `i` and query position `p` on; the last may be a prefix (she is still typing). */
function fullFrom(syl: Readings, q: string, i: number, p: number): boolean {
  if (p === q.length) return true;
  const here = syl[i];
  if (!here) return false;
  for (const r of here) {
    if (q.startsWith(r, p) && fullFrom(syl, q, i + 1, p + r.length)) return true;
    if (r.length > q.length - p && r.startsWith(q.length - p === 1 ? (q[p] as string) : q.slice(p)))
      return true;
  }
  return false;
}

/** Typed initials from character `i` and query position `p` on (zh/ch/sh as one or two letters). */
function initialsFrom(syl: Readings, q: string, i: number, p: number): boolean {
  if (p === q.length) return true;
  const here = syl[i];
  if (!here) return false;
  for (const r of here) {
    if (r.charCodeAt(0) === q.charCodeAt(p) && initialsFrom(syl, q, i + 1, p + 1)) return true;
    if (
      r.length > 1 &&
      r.charCodeAt(1) === 104 /* h */ &&
      INITIAL_2.test(r) &&
      q.startsWith(r.slice(0, 2), p)
    ) {
      if (initialsFrom(syl, q, i + 1, p + 2)) return true;
    }
  }
  return false;
}

/**
 * Where typed pinyin `q` matches the readings from position `from` on: all in full
 * syllables, or all in initials. True iff it matches starting at `from`.
 */
function pinyinFrom(syl: Readings, q: string, from: number): boolean {
  return fullFrom(syl, q, from, 0) || (q.length <= syl.length - from && initialsFrom(syl, q, from, 0));
}

/** Typed pinyin anywhere in the text (at a character boundary). */
export function pinyinMatch(syl: Readings, q: string, anchored = false): boolean {
  const last = anchored ? 0 : syl.length - 1;
  for (let s = 0; s <= last; s++) if (pinyinFrom(syl, q, s)) return true;
  return false;
}

/** A homophone: same toneless readings, character by character, somewhere in the text. */
export function homophoneMatch(syl: Readings, qSyl: Readings, anchored = false): boolean {
  if (qSyl.length === 0 || qSyl.length > syl.length) return false;
  const last = anchored ? 0 : syl.length - qSyl.length;
  for (let s = 0; s <= last; s++) {
    let ok = true;
    for (let j = 0; j < qSyl.length && ok; j++) {
      const want = qSyl[j] as readonly string[];
      ok = (syl[s + j] as readonly string[]).some((r) => want.includes(r));
    }
    if (ok) return true;
  }
  return false;
}
