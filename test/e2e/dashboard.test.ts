/**
 * The district dashboard in a real Chromium against the real local server and
 * DynamoDB Local: an admin signs in through the login page, opens /admin/, sees
 * exactly the numbers GET /api/admin/stats returns, changes the date range,
 * pauses a listing from the moderation panel; axe-core finds nothing; a phone-size
 * screenshot is saved for the README.
 */

import { copyFileSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { type StatFact, statsUpdates } from "../../functions/domain/stats/counters.ts";
import { ddb } from "../../functions/lib/db.ts";
import { localDay } from "../../shared/clock.ts";
import type { TestApi } from "../support/api.ts";
import { axeViolations, type TestBrowser } from "../support/browser.ts";
import { admin, listingInput, volunteer } from "../support/builders.ts";
import { browserStack, uiLogin } from "../support/ui.ts";

const ROOT = resolve(import.meta.dirname, "../..");
let api: TestApi;
let browser: TestBrowser;
let page: Page;
let adminToken: string;
let listing: { id: string; title: string };

const DAY = 86_400_000;

/** Counters as the booking transitions write them, over the last 10 days. */
async function seedFacts() {
  const communities = ["大关西苑社区", "和睦新村社区", "长乐社区", "米市巷社区"];
  const cats = ["convenience", "health", "pairing", "counseling", "eco"] as const;
  const now = Date.now();
  const facts: StatFact[] = [];
  for (let d = 0; d < 10; d++) {
    for (let i = 0; i < 3 + (d % 4); i++) {
      const base = {
        at: new Date(now - d * DAY - i * 3_600_000),
        category: cats[(d + i) % cats.length] as StatFact["category"],
        community: communities[(d * 3 + i) % communities.length] as string,
        branch: i % 2 ? "大关街道第一党支部" : "区卫健系统联合党支部",
        listingId: listing.id,
        listingTitle: listing.title,
      };
      facts.push({ ...base, event: "requested" });
      const o = (d + i) % 6;
      if (o === 0) facts.push({ ...base, event: "declined", from: "requested" });
      else if (o === 1) facts.push({ ...base, event: "expired", from: "requested" });
      else {
        facts.push({ ...base, event: "accepted", from: "requested", hoursToAccept: 1 + ((d * i) % 20) });
        if (o === 2) facts.push({ ...base, event: "cancelled", from: "accepted" });
        else {
          facts.push({ ...base, event: "completed", from: "accepted", hours: 1 + (i % 3) });
          facts.push({ ...base, event: "reviewed", stars: 3 + (i % 3) });
        }
      }
    }
  }
  for (let i = 0; i < 2; i++)
    facts.push({
      at: new Date(now),
      category: "culture",
      community: "长乐社区",
      branch: "",
      listingId: "l-wait",
      listingTitle: "广场舞教学",
      event: "waitlisted",
    });
  for (const fact of facts) await ddb.send(new TransactWriteCommand({ TransactItems: statsUpdates(fact) }));
}

browserStack((s) => ({ api, browser } = s));
beforeAll(async () => {
  adminToken = await api.login({ ...admin(), sub: "a-01" });
  const vToken = await api.login(volunteer(1));
  const res = await api.request("POST", "/api/listings", {
    token: vToken,
    body: listingInput({ title: "上门量血压", category: "health", community: "长乐社区" }),
  });
  listing = res.body;
  await seedFacts();
  for (const q of ["修电脑", "修电脑", "陪诊"])
    await api.request("POST", "/api/searches/misses", { body: { q } });
  page = await browser.newPage();
});

const text = async (sel: string) => ((await page.textContent(sel)) ?? "").trim();

describe("district dashboard", () => {
  it("shows an admin the numbers the API returns", async () => {
    // Prepare
    const stats = (await api.request("GET", "/api/admin/stats", { token: adminToken })).body;
    expect(stats.totals.requested).toBeGreaterThan(30);
    // Act
    await uiLogin(page, api, "admin", "a-01", "/admin/");
    await page.waitForSelector('[data-stat="requested"]');
    // Assess
    expect(await text('[data-stat="requested"]')).toBe(String(stats.totals.requested));
    expect(await text('[data-stat="completed"]')).toBe(String(stats.totals.completed));
    expect(await text('[data-stat="fulfilmentRate"]')).toBe(
      `${Math.round(stats.totals.fulfilmentRate * 1000) / 10}%`,
    );
    expect(await text('[data-stat="hoursServed"]')).toBe(`${stats.totals.hoursServed} 小时`);
    expect(await text('[data-stat="medianHoursToAccept"]')).toBe(`${stats.totals.medianHoursToAccept} 小时`);
    expect(await text('[data-stat="ratingAvg"]')).toContain(String(stats.totals.ratingAvg));
    expect(await page.inputValue("#from")).toBe(stats.from);
    expect(await page.inputValue("#to")).toBe(stats.to);
    // the community heat map: one row per community with its request count
    const rows = await page.$$eval("#by-community tbody tr", (trs) =>
      trs.map((tr) => [tr.querySelector("th")?.textContent, tr.querySelector("td")?.textContent]),
    );
    expect(rows).toEqual(
      stats.byCommunity.map((c: { name: string; requested: number; waitlisted: number }) => [
        c.name,
        String(c.requested + c.waitlisted),
      ]),
    );
    // funnel, trend and category charts are SVG with accessible names
    expect(await page.getAttribute("#funnel svg", "aria-label")).toContain(`完成 ${stats.totals.completed}`);
    expect(await page.locator("#by-category svg text").filter({ hasText: "医疗健康" }).count()).toBe(1);
    // unmet demand
    expect(await text("#misses")).toContain("“修电脑” 2 次");
    expect(await text("#waitlists")).toContain("广场舞教学 管理 2 人候补");
    expect(await text("#unanswered")).toContain("上门量血压");
    expect(await text("#empty-categories")).toContain("爱心捐赠");
  });

  it("has no axe-core violations, and a phone-size screenshot", async () => {
    expect(await axeViolations(page)).toEqual([]);
    mkdirSync(resolve(ROOT, "test/.artifacts"), { recursive: true });
    mkdirSync(resolve(ROOT, "docs/screenshots"), { recursive: true });
    await page.screenshot({ path: resolve(ROOT, "test/.artifacts/dashboard-full.png"), fullPage: true });
    // For the README: the phone-width view from the headline numbers to the community heat map.
    const top = await page.$eval("#h-head", (el) => el.getBoundingClientRect().top + window.scrollY - 8);
    const file = resolve(ROOT, "test/.artifacts/dashboard.png");
    await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: top, width: 360, height: 1500 } });
    copyFileSync(file, resolve(ROOT, "docs/screenshots/dashboard.png"));
  });

  it("narrows the range and shows the API's numbers for it", async () => {
    const today = localDay(new Date());
    const from = localDay(new Date(Date.now() - 2 * DAY));
    const stats = (
      await api.request("GET", `/api/admin/stats?from=${from}&to=${today}`, { token: adminToken })
    ).body;
    await page.fill("#from", from);
    await page.fill("#to", today);
    await page.click('#range button[type="submit"]');
    await page.waitForFunction(
      (n) => document.querySelector('[data-stat="requested"]')?.textContent === n,
      String(stats.totals.requested),
    );
    expect(await page.locator("#trend svg rect").count()).toBeGreaterThan(0);
    expect(new URL(page.url()).search).toBe(`?from=${from}&to=${today}`);
  });

  it("pauses a listing from the moderation panel", async () => {
    await page.fill("#mod-id", `${api.url}/service/?id=${listing.id}`);
    await page.click('#mod-find button[type="submit"]');
    await page.waitForSelector("#mod-result:not([hidden])");
    expect(await text("#mod-title")).toBe("上门量血压");
    await page.fill("#pause-reason", "信息待核实");
    await page.click('#mod-pause button[type="submit"]');
    await page.waitForSelector("#mod-msg .notice.ok");
    const got = await api.request("GET", `/api/listings/${listing.id}`);
    expect(got.status).toBe(404); // paused listings leave the public catalogue
    await page.waitForFunction(() =>
      document.querySelector("#empty-communities")?.textContent?.includes("长乐社区"),
    );
  });

  it("keeps non-admins out", async () => {
    const p = await browser.newPage();
    await uiLogin(p, api, "volunteer", "v-01", "/admin/");
    await p.waitForSelector("#gate:not([hidden])");
    expect(await p.isHidden("#dash")).toBe(true);
  });
});

describe("service certificate", () => {
  it("shows a volunteer their completed services and hours, printable, with no axe-core violations", async () => {
    // Prepare: a booking served through the API by the demo volunteer v-01
    const v = await api.login({ sub: "v-01", role: "volunteer", name: "志愿者一号" });
    const r = await api.login({ sub: "r-cert", role: "resident", name: "居民" });
    const l = await api.request("POST", "/api/listings", {
      token: v,
      body: listingInput({ title: "智能手机教学", category: "counseling" }),
    });
    const b = await api.request("POST", `/api/listings/${l.body.id}/bookings`, {
      token: r,
      body: { phone: "13812345678" },
    });
    expect(b.status, b.text).toBe(201);
    expect((await api.request("POST", `/api/bookings/${b.body.id}/accept`, { token: v })).status).toBe(200);
    const done = await api.request("POST", `/api/bookings/${b.body.id}/complete`, {
      token: v,
      body: { hours: 1.5, code: b.body.completionCode },
    });
    expect(done.status, done.text).toBe(200);
    await api.settle();
    const cert = (await api.request("GET", "/api/volunteer/certificate", { token: v })).body;
    // Act
    const p = await browser.newPage();
    await uiLogin(p, api, "volunteer", "v-01", "/volunteer/");
    await p.getByRole("link", { name: "服务证明" }).click();
    await p.waitForURL(/\/volunteer\/certificate\/$/);
    await p.waitForSelector("#cert:not([hidden])");
    // Assess
    expect((await p.textContent("#hours"))?.trim()).toBe(String(cert.totalHours));
    expect((await p.textContent("#count"))?.trim()).toBe(String(cert.completedCount));
    expect(await p.textContent("#entries")).toContain("智能手机教学");
    expect(await p.textContent("#district")).toContain(cert.district);
    expect(await axeViolations(p)).toEqual([]);
    await p.screenshot({ path: resolve(ROOT, "test/.artifacts/certificate.png"), fullPage: true });
  });
});
