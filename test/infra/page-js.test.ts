/**
 * The storefront's JavaScript budget (issue 18 item 8), on the built site (web/dist;
 * `npm test` builds it first): home ≤ 60 KB raw, no page over 100 KB, counting each
 * page's scripts and every chunk they import. And a page gets only the routes and
 * schemas it calls: home carries none of a volunteer's, a booking's or the dashboard's.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { kb, overBudget, PAGE_JS_BUDGET, sitePagesJs, WEB_DIST } from "../support/page-js.ts";

const pages = sitePagesJs();
const page = (path: string) => {
  const p = pages.find((x) => x.page === path);
  if (!p) throw new Error(`no page ${path} in web/dist`);
  return p;
};
const code = (path: string) =>
  page(path)
    .chunks.map((c) => readFileSync(join(WEB_DIST, c.file), "utf8"))
    .join("\n");

describe("storefront JavaScript per page", () => {
  it("finds every page of the site and the chunks it loads", () => {
    expect(pages.length).toBeGreaterThan(20);
    expect(page("/").chunks.length).toBeGreaterThan(3);
  });

  it(`keeps home ≤ ${kb(PAGE_JS_BUDGET.home)} and every page ≤ ${kb(PAGE_JS_BUDGET.page)} of raw JS`, () => {
    const over = pages.map(overBudget).filter(Boolean);
    expect(over, pages.map((p) => `${p.page} ${kb(p.bytes)}`).join(", ")).toEqual([]);
  });

  it("ships zod/mini, not classic zod", () => {
    // Classic zod's methods on every schema (`.superRefine`, `.nonempty`) are not in mini.
    for (const p of pages) expect(code(p.page), p.page).not.toMatch(/\bnonempty\b/);
  });

  it("gives a page only the routes and schemas it calls", () => {
    const home = code("/");
    expect(home).toContain("/api/listings"); // listings/list
    // Routes home never calls: the volunteer's completion, the dashboard, the share link.
    expect(home).not.toContain("/api/bookings/{id}/complete");
    expect(home).not.toContain("/api/admin/stats");
    expect(home).not.toContain("/api/bookings/{id}/share");
    // Their schemas' messages: the 核销码, half hours, a listing's time rules.
    expect(home).not.toContain("核销码是 6 位数字");
    expect(home).not.toContain("时长以半小时为单位");
    expect(home).not.toContain("只有活动类服务可以按周期举办");
    // The volunteer's console has the listing rules it checks before sending.
    expect(code("/volunteer/")).toContain("只有活动类服务可以按周期举办");
  });
});
