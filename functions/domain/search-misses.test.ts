import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_MISS_CHARS, normalizeMiss } from "./search-misses.ts";

describe("normalizeMiss", () => {
  it("folds width and case, drops control characters, collapses spaces", () => {
    expect(normalizeMiss("  ＰＡＤ　教学 ")).toBe("pad 教学");
    expect(normalizeMiss("修\u0000电\u200b脑")).toBe("修 电 脑");
    expect(normalizeMiss("\u200b")).toBe("");
  });
  it("is idempotent, trimmed and at most 30 characters for any input", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 80 }), (q) => {
        const n = normalizeMiss(q);
        expect([...n].length).toBeLessThanOrEqual(MAX_MISS_CHARS);
        expect(n).toBe(n.trim());
        expect(normalizeMiss(n)).toBe(n);
      }),
    );
  });
});
