import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { grams, matches, normalize, queryGram } from "./search.ts";

describe("search", () => {
  it("normalizes width, case, spaces and punctuation", () => {
    expect(normalize(" 义务 理发！ＡＢｃ ")).toBe("义务理发abc");
  });

  it("indexes the gram a query reads, for every substring of the text", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }),
        fc.nat(),
        fc.nat(),
        (text, a, b) => {
          const chars = [...normalize(text)];
          if (chars.length === 0) return;
          const start = a % chars.length;
          const end = start + 1 + (b % (chars.length - start));
          const q = chars.slice(start, end).join("");
          const g = queryGram(q);
          expect(g).not.toBeNull();
          expect(grams(text).has(g as string)).toBe(true);
          expect(matches({ title: text, description: "" }, q)).toBe(true);
        },
      ),
    );
  });

  it("finds 理发 in 义务理发 and 家电 in 家电维修, not 潜水", () => {
    expect(queryGram("理发")).toBe("理发");
    expect(grams("义务理发").has("理发")).toBe(true);
    expect(matches({ title: "家电维修", description: "" }, "家电")).toBe(true);
    expect(matches({ title: "家电维修", description: "" }, "潜水")).toBe(false);
    expect(queryGram("！？")).toBeNull();
  });
});
