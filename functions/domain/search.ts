/**
 * Chinese substring search without a Scan: an inverted index of character
 * unigrams and bigrams. A query of one character reads its unigram's postings; a
 * longer one reads its first bigram's postings, and each candidate is then checked
 * to contain the whole query.
 */
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

/** The distinct unigrams and bigrams of a text's normalized form. */
export function grams(text: string): Set<string> {
  const chars = [...normalize(text)];
  const out = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    out.add(chars[i] as string);
    if (i + 1 < chars.length) out.add(`${chars[i]}${chars[i + 1]}`);
  }
  return out;
}

/** The gram whose postings a query reads, or null for a query that normalizes to nothing. */
export function queryGram(q: string): string | null {
  const chars = [...normalize(q)];
  if (chars.length === 0) return null;
  return chars.slice(0, 2).join("");
}

export function matches(listing: { title: string; description: string }, q: string): boolean {
  const needle = normalize(q);
  return (
    needle !== "" &&
    (normalize(listing.title).includes(needle) || normalize(listing.description).includes(needle))
  );
}
