/**
 * The everyday words a volunteer's listing could carry (issue 15 item 1, last
 * sentence): the words residents use for what the title names, from the one word list
 * (words.ts). The listing form offers them under 服务介绍; a tap adds one to the
 * description, where search finds it as the resident's own word.
 */
import { WORD_GROUPS } from "./words.ts";

export const MAX_WORD_TAGS = 8;

/** Residents' words for the groups whose terms the title carries, not yet in the description. */
export function everydayWordsFor(title: string, description: string, max = MAX_WORD_TAGS): string[] {
  const t = title.trim();
  if (t === "") return [];
  const out: string[] = [];
  for (const group of WORD_GROUPS) {
    if (!group.terms.some((term) => t.includes(term))) continue;
    for (const word of group.words) {
      if (out.length >= max) return out;
      if (!description.includes(word) && !t.includes(word) && !out.includes(word)) out.push(word);
    }
  }
  return out;
}

/** The description with `word` added at its end, after a 、 if it does not end in punctuation. */
export function withWord(description: string, word: string): string {
  const d = description.trimEnd();
  if (d === "") return word;
  return /[、，。！？；：,.!?;:\s]$/u.test(d) ? `${d}${word}` : `${d}、${word}`;
}
