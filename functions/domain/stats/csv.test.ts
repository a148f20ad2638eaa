import { describe, expect, it } from "vitest";
import { BOM, csvCell } from "./csv.ts";

describe("csvCell", () => {
  it("quotes what needs quoting and defuses formulas", () => {
    expect(csvCell("长乐社区")).toBe("长乐社区");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("+1,2")).toBe(`"'+1,2"`);
    expect(csvCell("两行\n文字")).toBe('"两行\n文字"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(0.25)).toBe("0.25");
    expect(BOM).toBe("\uFEFF");
  });
});
