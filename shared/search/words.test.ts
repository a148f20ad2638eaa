import { describe, expect, it } from "vitest";
import { prepare, rank } from "../../functions/domain/search/rank.ts";
import { CATEGORIES, isCategory } from "../categories.ts";
import { WORD_GROUPS } from "./words.ts";

/** One ordinary listing per group, titled with the group's first term, in the group's category. */
const listings = WORD_GROUPS.map((g, i) =>
  prepare({
    id: `g${i}`,
    title: g.terms[0] ?? "",
    description: "",
    category: g.category,
    community: "大关西苑社区",
    kind: "on_demand",
    full: false,
    scheduled: false,
    createdAt: "2026-12-01T00:00:00.000Z",
    ratingAvg: 0,
    ratingCount: 0,
    completedCount: 0,
  }),
);

describe("the word list", () => {
  const entries = WORD_GROUPS.flatMap((g) => g.words.map((w) => ({ word: w, group: g })));

  it("holds at least 300 everyday words over all 8 categories, each word in one group", () => {
    expect(entries.length).toBeGreaterThanOrEqual(300);
    expect(new Set(WORD_GROUPS.map((g) => g.category))).toEqual(new Set(CATEGORIES.map((c) => c.slug)));
    // A word (or term) in two groups would lead nowhere in particular.
    const all = WORD_GROUPS.flatMap((g) => [...new Set([...g.terms, ...g.words])]);
    expect(all.filter((w, i) => all.indexOf(w) !== i)).toEqual([]);
    for (const g of WORD_GROUPS) {
      expect(isCategory(g.category)).toBe(true);
      expect(g.terms.length).toBeGreaterThan(0);
      for (const t of [...g.terms, ...g.words]) expect([...t.trim()].length, t).toBeGreaterThanOrEqual(2);
    }
  });

  it("leads every word to its category: searched alone, the word finds its group's listing first", () => {
    const now = new Date("2026-12-02T00:00:00.000Z");
    const astray = entries.filter(({ word, group }) => {
      const [best] = rank(listings, word, { sort: "new" }, now);
      return best?.category !== group.category;
    });
    expect(astray.map((e) => `${e.word} → ${e.group.category}`)).toEqual([]);
  });
});
