/**
 * The everyday words on the volunteer's listing form (issue 15 item 1, last sentence),
 * in Chromium at 360×780 in both modes: typing a title offers what residents say for
 * it (from the search's one word list), a tap adds the word to 服务介绍, the service is
 * published, and a resident who searches that word finds it first. Large targets in
 * 长辈模式, axe-clean. Screenshots go to docs/screenshots/listing-words{,-elder}.png.
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type TestApi } from "../support/api.ts";
import { axeViolations, launchBrowser, type TestBrowser } from "../support/browser.ts";
import { demoPerson, uiLogin } from "../support/ui.ts";

const SHOTS = resolve(import.meta.dirname, "../../docs/screenshots");

let api: TestApi;
let browser: TestBrowser;

beforeAll(async () => {
  api = await startApi();
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe("the listing form offers residents' words", () => {
  for (const elder of [false, true]) {
    it(`offers everyday words for the title, adds a tapped one to the description, and search finds it${elder ? " (长辈模式)" : ""}`, async () => {
      const page = await browser.newPage({ elder });
      const person = await demoPerson(api, "v-01");
      await uiLogin(page, api, "volunteer", person.sub, "/volunteer/");
      await page.locator("#console").waitFor();
      await page.locator("#mine .loading").waitFor({ state: "detached" });
      const title = elder ? "上门理发（长辈班）" : "上门理发";

      // Act: type the title; the words follow it
      await page.locator("#f-title").pressSequentially(title);
      const words = page.getByRole("group", { name: /居民常这样说/ });
      await words.waitFor();
      const buttons = words.getByRole("button");
      const count = await buttons.count();
      expect(count).toBeGreaterThan(2);
      expect(count).toBeLessThanOrEqual(8);
      expect(await buttons.allTextContents()).toContain("＋ 剪头发");
      for (const box of await buttons.evaluateAll((els) =>
        els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect),
      )) {
        expect(box.height).toBeGreaterThanOrEqual(elder ? 60 : 44);
        expect(box.width).toBeGreaterThanOrEqual(elder ? 60 : 44);
        expect(box.right).toBeLessThanOrEqual(360);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      expect(await axeViolations(page)).toEqual([]);
      await page.fill("#f-desc", "行动不便的老人在家就能理发");
      await words.scrollIntoViewIfNeeded();
      await page.screenshot({ path: resolve(SHOTS, `listing-words${elder ? "-elder" : ""}.png`) });

      // Act: tap 剪头发, then publish
      await words.getByRole("button", { name: "把“剪头发”加进服务介绍" }).click();
      expect(await page.inputValue("#f-desc")).toBe("行动不便的老人在家就能理发、剪头发");
      expect(await buttons.allTextContents()).not.toContain("＋ 剪头发");
      expect(await page.evaluate(() => document.activeElement?.closest("#f-words") !== null)).toBe(true);
      await page.selectOption("#f-mode", "door");
      await page.fill("#f-capacity", "3");
      await page.getByRole("button", { name: "发布", exact: true }).click();
      await expect.poll(() => page.textContent("#msg"), { timeout: 10_000 }).toContain(`已发布：${title}`);
      const id = await page
        .locator("#mine li[data-listing]", { hasText: title })
        .getAttribute("data-listing");

      // Assess: a resident searching the word she would use finds it first
      await api.settle();
      const resident = await browser.newPage({ elder });
      await resident.goto(`${api.url}/search/?q=${encodeURIComponent("剪头发")}`);
      await resident.locator(`a[data-listing="${id}"]`).waitFor();
      expect(await resident.locator("a[data-listing]").first().getAttribute("data-listing")).toBe(id);
      await resident.context().close();
      await page.context().close();
    });
  }
});
