/**
 * The storefront in a real Chromium against the real local server and DynamoDB
 * Local: a resident walks from home to a booking, a volunteer accepts and
 * completes it with the resident's code, the resident reviews it; plus search,
 * 候补, stored markup rendered as text, 长辈模式, and axe-core on every page.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { TestApi } from "../support/api.ts";
import { axeCheck, type TestBrowser } from "../support/browser.ts";
import { eventInput, listingInput } from "../support/builders.ts";
import { browserStack, type DemoPerson, demoPerson, uiLogin } from "../support/ui.ts";

let api: TestApi;
let browser: TestBrowser;
let resident: Page;
let volunteer: Page;
let vToken: string;
let volunteerPerson: DemoPerson;

async function createListing(body: Record<string, unknown>) {
  const res = await api.request("POST", "/api/listings", { token: vToken, body });
  expect(res.status, res.text).toBe(201);
  await api.settle(); // searchable once the stream has brought it to the search index
  return res.body as { id: string; title: string };
}

browserStack((s) => ({ api, browser } = s));
beforeAll(async () => {
  volunteerPerson = await demoPerson(api, "v-01");
  vToken = await api.login(volunteerPerson);
  resident = await browser.newPage();
  volunteer = await browser.newPage();
});

describe("storefront", () => {
  let listingId = "";
  const title = "上门理发（测试）";

  it("walks a resident from home to a booking, the volunteer completes it, the review shows", async () => {
    // Prepare
    const created = await createListing(
      listingInput({
        title,
        category: "convenience",
        mode: "door",
        description: "为行动不便的老人上门理发。",
      }),
    );
    listingId = created.id;

    // Act: home → category → service → 加入该项目 → login → form
    await resident.goto(`${api.url}/`);
    await resident.click('a[data-cat="convenience"]');
    await resident.waitForURL(/\/category\/convenience\/$/);
    await resident.click(`a[data-listing="${listingId}"]`);
    await resident.waitForURL(/\/service\/\?id=/);
    await resident.getByRole("button", { name: "加入该项目" }).click();
    await resident.waitForURL(/\/login\//);
    await resident.click('button[data-sub="r-01"]');
    await resident.waitForURL(/\/service\/\?id=.*join=1/);
    await resident.fill("#phone", "13812345678");
    await resident.fill("#address", "和睦新村 3 幢 201 室");
    await resident.fill("#preferredTime", "周六上午");
    await resident.click("#submit");

    // Assess: a clear result, and the booking with its code on 我的预约
    await expect.poll(() => resident.textContent("#result")).toContain("预约成功");
    await resident.click("text=查看我的预约");
    await resident.waitForURL(/\/me\/$/);
    const booking = resident.locator("li[data-booking]", { hasText: title });
    await booking.waitFor();
    expect(await booking.textContent()).toContain("等待志愿者确认");
    const bookingId = (await booking.getAttribute("data-booking")) as string;
    const code = (await booking.locator(".code").textContent())?.trim() ?? "";
    expect(code).toMatch(/^\d{6}$/);

    // 给家人看: without a share sheet (desktop), the link is shown under the button; it opens the booking without the code
    await resident.evaluate(() =>
      Object.defineProperty(navigator, "share", { value: undefined, configurable: true }),
    );
    await booking.getByRole("button", { name: "给家人看" }).click();
    const shareLink = booking.locator(".share-link a");
    await shareLink.waitFor();
    const familyUrl = (await shareLink.getAttribute("href")) ?? "";
    expect(familyUrl).toMatch(/\/b\/\?id=[^&]+&k=[A-Za-z0-9_-]{22}$/);
    const family = await browser.newPage();
    await family.goto(familyUrl);
    await family.locator("#shared:not([hidden])").waitFor();
    expect(await family.textContent("#f-title")).toBe(title);
    expect(await family.textContent("main")).not.toContain(code);
    // 停止分享: the link sent opens nothing any more
    await booking.getByRole("button", { name: "停止分享" }).click();
    await expect.poll(() => booking.locator(".share-link").textContent()).toContain("已停止分享");
    await family.reload();
    await expect.poll(() => family.textContent("main")).toContain("这个链接已失效或不完整");

    // Act: the volunteer accepts, then completes with the resident's code
    await uiLogin(volunteer, api, "volunteer", "v-01", "/volunteer/");
    const request = volunteer.locator(`li[data-booking="${bookingId}"]`);
    await request.getByRole("button", { name: "接受" }).click();
    await expect.poll(() => volunteer.textContent(`[data-outcome="${bookingId}"]`)).toContain("已接单");
    await volunteer.fill(`#code-${bookingId}`, code);
    await volunteer.selectOption(`#hours-${bookingId}`, "1.5");
    await volunteer
      .locator(`li[data-booking="${bookingId}"]`)
      .getByRole("button", { name: "完成核销" })
      .click();
    await expect.poll(() => volunteer.textContent(`[data-outcome="${bookingId}"]`)).toContain("已完成核销");

    // Act: the resident sees it completed and reviews with 5 stars
    await resident.goto(`${api.url}/me/`);
    const done = resident.locator(`li[data-booking="${bookingId}"]`);
    await done.getByText("5 星 非常满意").waitFor();
    expect(await done.textContent()).toContain("已完成");
    await done.getByText("5 星 非常满意").click();
    await done.locator("textarea").fill("师傅手艺好，很耐心");
    await done.getByRole("button", { name: "提交评价" }).click();
    await expect.poll(() => resident.textContent("#msg")).toContain("谢谢您的评价");

    // Assess: the stars appear on the service page (its figures are projected from the stream)
    await api.settle();
    await resident.goto(`${api.url}/service/?id=${listingId}`);
    await expect.poll(() => resident.textContent("#rating")).toContain("★ 5.0（1 条评价）");
    await expect.poll(() => resident.textContent("#reviews")).toContain("师傅手艺好，很耐心");
  });

  it("finds services by search and is honest when nothing matches", async () => {
    await resident.goto(`${api.url}/`);
    await resident.fill("#q", "理发");
    await resident.press("#q", "Enter");
    await resident.waitForURL(/\/search\/\?q=/);
    await resident.locator(`a[data-listing="${listingId}"]`).waitFor();
    expect(await resident.textContent("h1")).toContain("理发");

    await resident.goto(`${api.url}/search/?q=${encodeURIComponent("开飞机")}`);
    await resident.locator("#empty:not([hidden])").waitFor();
    expect(await resident.textContent("#empty")).toContain("没有找到和「开飞机」有关的服务");
    expect(await resident.locator("#related a").count()).toBe(8);
  });

  it("shows 候补 for a full event and puts the next resident on the waitlist", async () => {
    const event = await createListing(eventInput({ title: "社区观影（已满）", capacity: 1 }));
    const other = await api.login({ sub: "r-02", role: "resident", name: "候补前的居民" });
    const first = await api.request("POST", `/api/listings/${event.id}/bookings`, {
      token: other,
      body: { phone: "13900001111" },
    });
    expect(first.status, first.text).toBe(201);

    await resident.goto(`${api.url}/category/culture/`);
    const card = resident.locator(`a[data-listing="${event.id}"]`);
    await card.waitFor();
    expect(await card.textContent()).toContain("候补");

    await card.click();
    await resident.getByRole("button", { name: "加入该项目" }).click();
    await resident.fill("#phone", "13812345678");
    await resident.click("#submit");
    await expect.poll(() => resident.textContent("#result")).toContain("已加入候补，您排第 1 位");
  });

  it("renders a stored <script> in a title as text", async () => {
    const evil = "<script>window.__xss=1</script><b>理发</b>";
    const l = await createListing(listingInput({ title: evil }));
    await resident.goto(`${api.url}/service/?id=${l.id}`);
    await expect.poll(() => resident.textContent("#title")).toBe(evil);
    await resident.goto(`${api.url}/search/?q=${encodeURIComponent("理发")}`);
    await resident.locator(`a[data-listing="${l.id}"]`).waitFor();
    expect(await resident.textContent(`a[data-listing="${l.id}"] .card-title`)).toBe(evil);
    expect(await resident.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await resident.locator("main b").count()).toBe(0);
  });

  it("loads a service page through a 9:00 rush: throttled reads are tried again", async () => {
    // Prepare: the gateway throttles the listing's first two reads (429, Retry-After: 1)
    const l = await createListing(listingInput({ title: "义务理发（抢约日）" }));
    const page = await browser.newPage();
    let throttled = 0;
    await page.route(`**/api/listings/${l.id}`, async (route) => {
      if (route.request().method() === "GET" && throttled < 2) {
        throttled++;
        return route.fulfill({
          status: 429,
          headers: { "content-type": "application/json", "retry-after": "1" },
          body: JSON.stringify({ message: "Too Many Requests" }),
        });
      }
      return route.continue();
    });
    // Act
    await page.goto(`${api.url}/service/?id=${l.id}`);
    // Assess: the page shows the service, not 人太多了
    await expect.poll(() => page.textContent("#title"), { timeout: 10_000 }).toBe("义务理发（抢约日）");
    expect(throttled).toBe(2);
    expect(await page.textContent("main")).not.toContain("人太多了");
  });

  it("enlarges type and targets in 长辈模式, and remembers it", async () => {
    const page = await browser.newPage();
    await page.goto(`${api.url}/`);
    const fontSize = () => page.evaluate(() => Number.parseFloat(getComputedStyle(document.body).fontSize));
    expect(await fontSize()).toBeLessThan(20);
    await page.getByRole("button", { name: "长辈模式" }).click();
    expect(await fontSize()).toBeGreaterThanOrEqual(20);
    expect(await page.getAttribute("#elder-toggle", "aria-pressed")).toBe("true");
    const searchButton = await page.locator("form.search button").boundingBox();
    expect(searchButton?.height).toBeGreaterThanOrEqual(48);
    await page.reload();
    expect(await fontSize()).toBeGreaterThanOrEqual(20);
    await page.context().close();

    // 200% zoom on a 360 px phone is a 180 px wide layout: nothing may scroll sideways.
    const zoomed = await browser.newPage({ width: 180, height: 390 });
    for (const path of ["/", `/service/?id=${listingId}`, "/category/convenience/"]) {
      await zoomed.goto(`${api.url}${path}`, { waitUntil: "networkidle" });
      const overflow = await zoomed.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await zoomed.context().close();
  });

  it("has no axe-core violations on any page, in both modes", async () => {
    const pages: [Page, string][] = [
      [resident, "/"],
      [resident, "/category/convenience/"],
      [resident, `/search/?q=${encodeURIComponent("理发")}`],
      [resident, `/search/?q=${encodeURIComponent("开飞机")}`],
      [resident, `/service/?id=${listingId}`],
      [resident, `/shop/?id=${volunteerPerson.sub}`],
      [resident, "/me/"],
      [resident, `/poster/?service=${listingId}`],
      [resident, `/poster/?shop=${volunteerPerson.sub}`],
      [resident, "/no-such-page"],
      [volunteer, "/volunteer/"],
      [volunteer, "/login/"],
    ];
    const found: string[] = [];
    for (const elder of [false, true]) {
      for (const [page, path] of pages) {
        await page.goto(`${api.url}${path}`);
        await page.evaluate((on) => localStorage.setItem("elder", on ? "1" : "0"), elder);
        await page.reload({ waitUntil: "networkidle" });
        await axeCheck(found, page, `${elder ? "长辈模式 " : ""}${path}`);
      }
    }
    expect(found).toEqual([]);
  });
});
