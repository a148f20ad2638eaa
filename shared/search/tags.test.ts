import { describe, expect, it } from "vitest";
import { everydayWordsFor, MAX_WORD_TAGS, withWord } from "./tags.ts";
import { WORD_GROUPS } from "./words.ts";

describe("everyday words offered as tags on the listing form", () => {
  it("offers residents' words for what the title names, at most 8, none already written", () => {
    const words = everydayWordsFor("义务理发", "每周六上午，剪头发、刮胡子。");
    expect(words.length).toBeGreaterThan(0);
    expect(words.length).toBeLessThanOrEqual(MAX_WORD_TAGS);
    const haircut = WORD_GROUPS.find((g) => g.terms.includes("理发"))?.words ?? [];
    for (const w of words) expect(haircut).toContain(w);
    expect(words).not.toContain("剪头发");
    expect(words).not.toContain("刮胡子");
    expect(everydayWordsFor("", "")).toEqual([]);
    expect(everydayWordsFor("🙂🙂", "")).toEqual([]);
  });

  it("adds a word at the end of the description, after a 、 where needed", () => {
    expect(withWord("", "剃头")).toBe("剃头");
    expect(withWord("每周六上午", "剃头")).toBe("每周六上午、剃头");
    expect(withWord("每周六上午。", "剃头")).toBe("每周六上午。剃头");
    expect(everydayWordsFor("义务理发", withWord("", "剃头"))).not.toContain("剃头");
  });
});
