/**
 * The worker's path end to end, in a real Chromium on a phone-sized page against the
 * real local server: a community worker registers 王奶奶 (no account), books a
 * haircut for her, saves the 居委会's phone once for every desk and prints the slip
 * (screenshots saved for the README), whose QR code opens the booking on a family
 * member's phone without login or 核销码, with that phone one tap away; the
 * volunteer accepts; the outbox holds exactly one "accepted" text to her phone; with
 * the clock at the day before, the reminder job runs twice and exactly one reminder
 * text is there; the volunteer completes with the code read off the slip. axe-core
 * on every new page in both modes; in 长辈模式 every control is at least 60 × 60 px.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { handler as remindersJob } from "../../functions/jobs/reminders.ts";
import type { TestApi } from "../support/api.ts";
import { axeCheck, smallControls, type TestBrowser } from "../support/browser.ts";
import { eventInput, shanghaiAt, volunteer } from "../support/builders.ts";
import { browserStack, screenshot, uiLogin, uiRegisterResident } from "../support/ui.ts";

let api: TestApi;
let browser: TestBrowser;
let vToken: string;
const PHONE = "13912340066";
/** The demo district's worker for 大关西苑社区 (陈晓燕), signed in through the login page. */
const WORKER = "s-01";

/** The controls 长辈模式 keeps at least 60 × 60 px on these pages. */
const ELDER_CONTROLS = "main button:not([hidden]), main .btn, main input, main summary";

browserStack((s) => ({ api, browser } = s));
beforeAll(async () => {
  vToken = await api.login(volunteer(1));
});

describe("a community worker books for 王奶奶", () => {
  it("registers her, books a haircut, prints the slip; texts, one reminder, completion with the slip's code", async () => {
    // Prepare: a haircut at 09:00 Shanghai three days from now
    const startsAt = shanghaiAt(3, 9).toISOString();
    const l = await api.request("POST", "/api/listings", {
      token: vToken,
      body: eventInput({ title: "义务理发（上午场）", category: "convenience", startsAt, capacity: 10 }),
    });
    expect(l.status, l.text).toBe(201);
    const found: string[] = [];
    const page = await browser.newPage();
    await uiLogin(page, api, "staff", WORKER, "/staff/");
    await page.locator("#mine .loading").waitFor({ state: "detached" });
    await axeCheck(found, page, "console");

    // Find her: nobody yet, so register her with her consent
    await uiRegisterResident(page, "王", { name: "王奶奶", phone: PHONE, address: "大关西苑 3 幢 201" });
    expect(await page.textContent("#chosen-name")).toBe("王奶奶");

    // Pick the service and book
    await page.fill("#svc-q", "理发");
    await page.click("#svc button[type=submit]");
    await page.locator("#services li button").first().click();
    const print = page.locator("#done a");
    await print.waitFor();
    // The 居委会 phone is the community's: saved once, on every desk's slip and the family page
    await page.fill("#jwh-phone", "0571-88001234");
    await page.locator("#jwh-phone").dispatchEvent("change");
    await page.locator("#msg", { hasText: "已保存" }).waitFor();
    expect(await page.textContent("#msg")).toContain("0571-88001234");
    await screenshot(page, "staff-console", true);

    // The slip
    await print.click();
    await page.locator("#slip:not([hidden])").waitFor();
    const code = (await page.textContent("#s-code"))?.trim() ?? "";
    expect(code).toMatch(/^\d{6}$/);
    expect(await page.textContent("#s-title")).toContain("义务理发");
    expect(await page.textContent("#s-phone")).toBe("0571-88001234");
    expect(await page.locator("#s-qr svg").count()).toBe(1);
    const codeSize = await page.$eval("#s-code", (el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(codeSize).toBeGreaterThanOrEqual(48);
    await screenshot(page, "staff-slip", true);
    await axeCheck(found, page, "slip");
    // Printed: the slip alone (no site header, footer or buttons), the code still in large type
    await page.emulateMedia({ media: "print" });
    for (const away of [".site-header", ".site-footer", "#print"])
      expect(await page.isVisible(away), `${away} printed`).toBe(false);
    expect(await page.isVisible("#s-code")).toBe(true);
    await page.emulateMedia({ media: "screen" });

    // The slip's QR code opens the booking on a family member's phone: no login, no 核销码
    const familyUrl = (await page.getAttribute("#s-qr-link", "href")) ?? "";
    expect(familyUrl).toMatch(/\/b\/\?id=[^&]+&k=[A-Za-z0-9_-]{22}$/);
    expect(familyUrl).not.toContain(code);
    const phone = await browser.newPage();
    await phone.goto(familyUrl);
    await phone.locator("#shared:not([hidden])").waitFor();
    const family = (await phone.textContent("main")) ?? "";
    expect(family).toContain("义务理发（上午场）");
    expect(family).toContain(volunteer(1).name);
    expect(await phone.textContent("#f-status")).toBe("等待志愿者确认");
    expect(family).toContain("王**");
    expect(family).toContain("如需取消或改时间，请打居委会电话 0571-88001234；");
    const tel = phone.locator("#f-call a");
    expect(await tel.getAttribute("href")).toBe("tel:057188001234");
    expect(await tel.textContent()).toBe("0571-88001234");
    const telSize = await tel.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(telSize).toBeGreaterThanOrEqual(24);
    for (const secret of [code, PHONE, PHONE.slice(-4), "3 幢 201", "王奶奶"])
      expect(family).not.toContain(secret);
    const titleSize = await phone.$eval("#f-title", (el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(titleSize).toBeGreaterThanOrEqual(28);
    // 加到我的手机日历: the family's own calendar file, without the code
    const icsHref = (await phone.getAttribute("#f-ics:not([hidden])", "href")) ?? "";
    const icsFile = await phone.request.get(`${api.url}${icsHref}`);
    expect(icsFile.headers()["content-type"]).toContain("text/calendar");
    const icsText = await icsFile.text();
    expect(icsText).toContain("BEGIN:VEVENT");
    expect(icsText).not.toContain(code);
    await screenshot(phone, "family-booking", true);
    await axeCheck(found, phone, "family page");
    // A link cut short, or with another key: one kind message
    await phone.goto(familyUrl.replace(/k=.*$/, `k=${"A".repeat(22)}`));
    await phone.locator("#state.err").waitFor();
    expect(await phone.textContent("#state")).toContain("这个链接已失效或不完整");
    await phone.goto(`${api.url}/b/?id=x`);
    await phone.locator("#state.err").waitFor();
    expect(await phone.textContent("#state")).toContain("这个链接已失效或不完整");
    const elderPhone = await browser.newPage({ elder: true });
    await elderPhone.goto(familyUrl);
    await elderPhone.locator("#shared:not([hidden])").waitFor();
    await axeCheck(found, elderPhone, "family page (长辈模式)");
    expect(await smallControls(elderPhone, ELDER_CONTROLS)).toEqual([]);

    // Another desk (a fresh browser, nothing in its storage), the same worker: the phone is there
    const desk = await browser.newPage();
    await uiLogin(desk, api, "staff", WORKER, "/staff/");
    await expect.poll(() => desk.inputValue("#jwh-phone"), { timeout: 5000 }).toBe("0571-88001234");
    expect(await desk.evaluate(() => Object.keys(localStorage).some((k) => k.includes("jwh")))).toBe(false);

    // The slip is lost: 作废二维码 (two presses) on that desk; the old QR opens nothing, a reprint has a new one
    const row = desk.locator("#mine li", { hasText: "王奶奶" });
    const voidButton = row.getByRole("button", { name: "作废二维码" });
    await voidButton.click();
    await row.getByRole("button", { name: "确定作废？再按一次" }).click();
    await expect.poll(() => desk.textContent("#msg")).toContain("旧预约单上的二维码已作废");
    await phone.goto(familyUrl);
    await phone.locator("#state.err").waitFor();
    expect(await phone.textContent("#state")).toContain("这个链接已失效或不完整");
    await row.getByRole("link", { name: "预约单" }).click();
    await desk.locator("#slip:not([hidden])").waitFor();
    const reprinted = (await desk.getAttribute("#s-qr-link", "href")) ?? "";
    expect(reprinted).toMatch(/\/b\/\?id=[^&]+&k=[A-Za-z0-9_-]{22}$/);
    expect(reprinted).not.toBe(familyUrl);
    await phone.goto(reprinted);
    await phone.locator("#shared:not([hidden])").waitFor();

    // Both pages in 长辈模式: axe clean, controls at least 60 × 60
    const elder = await browser.newPage({ elder: true });
    await uiLogin(elder, api, "staff", WORKER, "/staff/");
    await elder.locator("#mine .loading").waitFor({ state: "detached" });
    await axeCheck(found, elder, "console (长辈模式)");
    expect(await smallControls(elder, ELDER_CONTROLS)).toEqual([]);
    const slipUrl = new URL(page.url());
    await elder.goto(`${api.url}${slipUrl.pathname}${slipUrl.search}`);
    await elder.locator("#slip:not([hidden])").waitFor();
    await axeCheck(found, elder, "slip (长辈模式)");
    expect(found).toEqual([]);

    // The volunteer accepts: exactly one "accepted" text to her phone
    const bookingId = new URL(page.url()).searchParams.get("id") as string;
    expect((await api.request("POST", `/api/bookings/${bookingId}/accept`, { token: vToken })).status).toBe(
      200,
    );
    await api.settle();
    const texts = async () =>
      (await api.request("GET", `/api/dev/outbox?to=${PHONE}`)).body.items as { kind: string }[];
    expect((await texts()).filter((t) => t.kind === "accepted")).toHaveLength(1);

    // The day before at 18:00: the reminder job runs twice, one reminder
    await remindersJob({ time: shanghaiAt(2, 18, 1).toISOString() });
    await remindersJob({ time: shanghaiAt(2, 18, 16).toISOString() });
    expect((await texts()).filter((t) => t.kind === "reminder")).toHaveLength(1);
    expect((await texts()).filter((t) => t.kind === "accepted")).toHaveLength(1);

    // Three days early the code does not complete it (issue 20.2: served only from its start)
    const early = await api.request("POST", `/api/bookings/${bookingId}/complete`, {
      token: vToken,
      body: { hours: 1, code },
    });
    expect(early.status, early.text).toBe(409);
    expect(early.body.error.code).toBe("NOT_STARTED_YET");

    // On the day, at the haircut, the volunteer completes with the code from the slip
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(shanghaiAt(3, 9, 40));
      const atTheDoor = await api.login(volunteer(1));
      const done = await api.request("POST", `/api/bookings/${bookingId}/complete`, {
        token: atTheDoor,
        body: { hours: 1, code },
      });
      expect(done.status, done.text).toBe(200);
      expect(done.body.status).toBe("completed");
    } finally {
      vi.useRealTimers();
    }
  });
});
