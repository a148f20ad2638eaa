/**
 * Search in residents' words in Chromium at 360×780, as a resident types: the
 * suggestions under the search box on the home, category and search pages in both
 * modes (ARIA combobox, keyboard, ≥ 60 px options in 长辈模式, no layout shift,
 * axe-clean), and a search that finds nothing (a kind word, the nearest category,
 * 发布需求, the miss counted). Screenshots go to docs/screenshots/.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { TestApi } from "../support/api.ts";
import { axeViolations, type TestBrowser } from "../support/browser.ts";
import { admin, listingInput, volunteer } from "../support/builders.ts";
import { ORDINARY_LISTINGS } from "../support/search-fixtures.ts";
import { browserStack, screenshot } from "../support/ui.ts";

let api: TestApi;
let browser: TestBrowser;
const ids = new Map<string, string>();

browserStack((s) => ({ api, browser } = s));
beforeAll(async () => {
  const token = await api.login(volunteer(1));
  for (const l of ORDINARY_LISTINGS) {
    const startsAt = new Date(Date.now() + 5 * 86_400_000).toISOString();
    const res = await api.request("POST", "/api/listings", {
      token,
      body: listingInput({ ...l, capacity: 10, ...(l.kind === "event" ? { startsAt } : {}) }),
    });
    expect(res.status, res.text).toBe(201);
    ids.set(l.title, res.body.id);
  }
  await api.settle();
});

/** Types like a person on a phone keyboard, a character at a time. */
async function typeSlowly(page: Page, text: string) {
  await page.locator("#q").click();
  await page.keyboard.type(text, { delay: 60 });
}

const PAGES = [
  ["home", "/"],
  ["category", "/category/convenience/"],
  ["search", `/search/?q=${encodeURIComponent("家电")}`],
] as const;

describe("suggestions as one types", () => {
  for (const elder of [false, true]) {
    for (const [name, path] of PAGES) {
      it(`suggests on the ${name} page${elder ? " in 长辈模式" : ""}: combobox, keyboard, large targets, no shift, axe-clean`, async () => {
        const page = await browser.newPage({ elder });
        await page.goto(`${api.url}${path}`, { waitUntil: "networkidle" });
        const input = page.locator("#q");
        expect(await input.getAttribute("role")).toBe("combobox");
        expect(await input.getAttribute("aria-expanded")).toBe("false");
        // What is below the search box must not move when the list opens.
        const below = page.locator("form.search + *");
        const before = await below.boundingBox();

        await input.fill("");
        await typeSlowly(page, "剪头");
        const list = page.getByRole("listbox", { name: "搜索建议" });
        await list.waitFor();
        const options = list.getByRole("option");
        await expect.poll(() => options.count()).toBeGreaterThan(2);
        expect(await options.count()).toBeLessThanOrEqual(8);
        expect(await input.getAttribute("aria-expanded")).toBe("true");
        expect(await options.first().textContent()).toContain("义务理发");
        expect(await page.textContent("#q-suggest-status")).toMatch(/有 \d 条建议/);
        for (const box of await options.evaluateAll((els) =>
          els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect),
        )) {
          expect(box.height).toBeGreaterThanOrEqual(elder ? 60 : 44);
          expect(box.right).toBeLessThanOrEqual(360);
        }
        expect(await below.boundingBox()).toEqual(before);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
        expect(await axeViolations(page)).toEqual([]);
        await screenshot(page, `suggest-${name}${elder ? "-elder" : ""}`);

        // The keyboard: down to the first option (announced as active), Escape closes, Enter opens.
        await page.keyboard.press("ArrowDown");
        const first = await options.first().getAttribute("id");
        expect(await input.getAttribute("aria-activedescendant")).toBe(first);
        expect(await options.first().getAttribute("aria-selected")).toBe("true");
        await page.keyboard.press("ArrowUp");
        expect(await input.getAttribute("aria-activedescendant")).toBeNull();
        await page.keyboard.press("Escape");
        expect(await list.isHidden()).toBe(true);
        expect(await input.getAttribute("aria-expanded")).toBe("false");
        await page.keyboard.type("发");
        await list.waitFor();
        await page.keyboard.press("ArrowDown");
        await page.keyboard.press("Enter");
        await page.waitForURL(/\/service\/\?id=/);
        expect(page.url()).toContain(ids.get("义务理发"));
        await page.context().close();
      });
    }
  }

  it("taps a word to search for it, and finds pinyin as typed", async () => {
    const page = await browser.newPage({ elder: true });
    await page.goto(`${api.url}/`, { waitUntil: "networkidle" });
    await typeSlowly(page, "jdwx");
    const list = page.getByRole("listbox", { name: "搜索建议" });
    await list.waitFor();
    expect(await list.getByRole("option").first().textContent()).toContain("家电维修");
    await page.locator("#q").fill("");
    await typeSlowly(page, "修电");
    await list.waitFor();
    await list.getByRole("option", { name: /修电视/ }).click();
    await page.waitForURL(/\/search\/\?q=/);
    await page.locator(`a[data-listing="${ids.get("家电维修")}"]`).waitFor();
    await page.context().close();
  });
});

describe("when nothing is found", () => {
  for (const elder of [false, true]) {
    it(`says so kindly, offers the nearest category and 发布需求, and counts the miss${elder ? " (长辈模式)" : ""}`, async () => {
      const page = await browser.newPage({ elder });
      const q = elder ? "下象棋" : "想找人下象棋";
      await page.goto(`${api.url}/search/?q=${encodeURIComponent(q)}`);
      await page.locator("#empty:not([hidden])").waitFor();
      expect(await page.textContent("#empty-text")).toContain(`暂时没有找到和「${q}」有关的服务`);
      const post = page.getByRole("link", { name: "发布需求" });
      await post.waitFor();
      const href = new URL((await post.getAttribute("href")) ?? "", api.url);
      expect(href.pathname).toBe("/needs/new/");
      expect(href.searchParams.get("q")).toBe(q);
      expect(href.searchParams.get("category")).toBe("culture");
      expect(await page.textContent("#nearest")).toContain("文体活动");
      const box = await post.boundingBox();
      expect(box?.height).toBeGreaterThanOrEqual(elder ? 60 : 44);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `search-nothing${elder ? "-elder" : ""}`, true);
      await page.context().close();
      // Counted as unmet demand on the district's dashboard.
      const adminToken = await api.login(admin());
      await expect
        .poll(async () => {
          const stats = await api.request("GET", "/api/admin/stats", { token: adminToken });
          return stats.body.unmet.searchMisses.map((m: { q: string }) => m.q);
        })
        .toContain(q);
    });
  }
});
