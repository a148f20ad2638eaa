/**
 * Needs (群众点单) end to end, in a real Chromium on a phone-sized page against the
 * real local server: a resident searches 修水龙头, finds nothing, posts the need from
 * that page (prefilled); a volunteer sees it in 需求大厅 and claims it; she sees who
 * is coming and her 核销码 on 我的预约; the volunteer completes with the code; she
 * rates it; the dashboard counts one fulfilled need. Then a community worker posts a
 * need for a registered resident without an account, dispatches it (派单) to a
 * volunteer of the community and prints her slip. axe-core on every new page in both
 * modes; in 长辈模式 every control is at least 60 × 60 px; screenshots for the README.
 */
import { describe, expect, it } from "vitest";
import { sweepNeeds } from "../../functions/domain/needs/sweep.ts";
import type { TestApi } from "../support/api.ts";
import { axeCheck, axeViolations, smallControls, type TestBrowser } from "../support/browser.ts";
import { listingInput } from "../support/builders.ts";
import { browserStack, demoPerson, screenshot, uiLogin, uiRegisterResident } from "../support/ui.ts";

/** The controls 长辈模式 keeps at least 60 × 60 px on these pages (the star rating's radios aside). */
const ELDER_CONTROLS =
  "main button:not([hidden]), main .btn, main input:not([type=radio]), main select, main summary";
let api: TestApi;
let browser: TestBrowser;

browserStack((s) => ({ api, browser } = s));

describe("群众点单: a need nobody listed becomes a service", () => {
  it("search finds nothing → she posts it → a volunteer claims → completes with her code → she rates → counted", async () => {
    const found: string[] = [];
    const r = await demoPerson(api, "r-01");
    const v = await demoPerson(api, "v-01");
    // The volunteer's profile says their community (as the console keeps it).
    const vToken = await api.login(v);
    await api.request("PUT", "/api/me", { token: vToken, body: { community: v.community } });

    // She searches in her words and finds nothing
    const resident = await browser.newPage();
    await uiLogin(resident, api, "resident", "r-01", "/");
    await resident.goto(`${api.url}/search/?q=${encodeURIComponent("修水龙头")}`);
    const post = resident.locator("#empty:not([hidden]) #post-need");
    await post.waitFor();
    await post.click();
    await resident.waitForURL(/\/needs\/new\//);
    await resident.locator("#content:not([hidden])").waitFor();
    expect(await resident.inputValue("#n-title")).toBe("修水龙头");
    expect(await resident.inputValue("#n-category")).toBe("convenience");
    await resident.selectOption("#n-community", r.community ?? "");
    await resident.fill("#n-description", "厨房水龙头一直滴水");
    await resident.fill("#n-phone", "13812340001");
    await resident.fill("#n-address", "大关西苑 5 幢 302");
    await axeCheck(found, resident, "need form");
    await screenshot(resident, "need-new", true);
    await resident.click("#need-form button[type=submit]");
    await resident.locator("#need-done:not([hidden])").waitFor();
    expect(await resident.textContent("#need-done")).toContain("需求已发布");

    // A volunteer sees it in 需求大厅 (no phone, name masked) and claims it
    const volunteer = await browser.newPage();
    await uiLogin(volunteer, api, "volunteer", "v-01", "/volunteer/needs/");
    const row = volunteer.locator("li[data-need]", { hasText: "修水龙头" }).first();
    await row.waitFor();
    const onBoard = (await row.textContent()) ?? "";
    expect(onBoard).not.toContain("13812340001");
    expect(onBoard).not.toContain(r.name);
    expect(onBoard).toContain(`${[...r.name][0]}**`);
    await axeCheck(found, volunteer, "need board");
    await screenshot(volunteer, "need-board", true);
    await row.getByRole("button", { name: "接单" }).click();
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain("13812340001");

    // She sees who is coming, and her 核销码
    await resident.goto(`${api.url}/me/`);
    const need = resident.locator("li[data-need]", { hasText: "修水龙头" });
    await expect.poll(() => need.textContent(), { timeout: 10_000 }).toContain(`接单志愿者：${v.name}`);
    const booking = resident.locator("li[data-booking]", { hasText: "修水龙头" });
    await booking.waitFor();
    const bookingId = (await booking.getAttribute("data-booking")) as string;
    const code = (await booking.locator(".code").textContent())?.trim() ?? "";
    expect(code).toMatch(/^\d{6}$/);
    await axeCheck(found, resident, "我的预约");
    await screenshot(resident, "need-mine", true);

    // The volunteer completes it with her code
    await volunteer.goto(`${api.url}/volunteer/`);
    await volunteer.fill(`#code-${bookingId}`, code);
    await volunteer.selectOption(`#hours-${bookingId}`, "1");
    await volunteer
      .locator(`li[data-booking="${bookingId}"]`)
      .getByRole("button", { name: "完成核销" })
      .click();
    // The outcome shows on the card, under its buttons (not in the page's top line)
    await expect
      .poll(() => volunteer.textContent(`[data-outcome="${bookingId}"]`), { timeout: 10_000 })
      .toContain("已完成核销");

    // She rates it
    await resident.goto(`${api.url}/me/`);
    const done = resident.locator(`li[data-booking="${bookingId}"]`);
    await done.getByText("5 星 非常满意").waitFor();
    await done.getByText("5 星 非常满意").click();
    await done.getByRole("button", { name: "提交评价" }).click();
    await expect.poll(() => resident.textContent("#msg"), { timeout: 10_000 }).toContain("谢谢您的评价");
    await expect
      .poll(() => resident.locator("li[data-need]", { hasText: "修水龙头" }).textContent())
      .toContain("已完成");

    // The dashboard counts one fulfilled need
    await api.settle(20_000);
    const admin = await browser.newPage();
    await uiLogin(admin, api, "admin", "a-01", "/admin/");
    await expect.poll(() => admin.textContent("#need-figures"), { timeout: 10_000 }).toContain("完成 1");
    expect(await admin.textContent("#need-figures")).toContain("发布 1");
    await admin.locator("#need-figures").scrollIntoViewIfNeeded();

    // 长辈模式: the new pages axe clean, controls at least 60 × 60
    for (const [role, sub, path, ready] of [
      ["resident", "r-01", "/needs/new/?q=修水龙头", "#content:not([hidden])"],
      ["volunteer", "v-01", "/volunteer/needs/", "#board-all li"],
      ["resident", "r-01", "/me/", "li[data-need]"],
    ] as const) {
      const elder = await browser.newPage({ elder: true });
      await uiLogin(elder, api, role, sub, path);
      await elder.locator(ready).first().waitFor();
      await axeCheck(found, elder, `${path} (长辈模式)`);
      expect(await smallControls(elder, ELDER_CONTROLS), path).toEqual([]);
      if (path.startsWith("/needs/new/")) await screenshot(elder, "need-new-elder", true);
    }
    expect(found).toEqual([]);
  });

  it("a worker posts for a registered resident without an account, dispatches it and prints her slip", async () => {
    const found: string[] = [];
    const worker = await demoPerson(api, "s-01");
    const v = await demoPerson(api, "v-01");
    // A volunteer of the worker's community (one with a service there) to dispatch to
    const vToken = await api.login({ ...v, community: worker.community ?? "" });
    await api.request("PUT", "/api/me", { token: vToken, body: { community: worker.community } });
    const l = await api.request("POST", "/api/listings", {
      token: vToken,
      body: listingInput({ title: "义务理发", community: worker.community }),
    });
    expect(l.status, l.text).toBe(201);

    const page = await browser.newPage();
    await uiLogin(page, api, "staff", "s-01", "/staff/");
    await page.locator("#waiting .loading").waitFor({ state: "detached" });
    await uiRegisterResident(page, "陈", {
      name: "陈奶奶",
      phone: "13912340077",
      address: "大关西苑 1 幢 101",
    });
    await page.click("#need-box summary");
    await page.fill("#sn-title", "陪我去医院配药");
    await page.selectOption("#sn-category", "pairing");
    await page.click("#staff-need button[type=submit]");
    await expect.poll(() => page.textContent("#msg"), { timeout: 10_000 }).toContain("已为 陈奶奶 发布需求");
    const row = page.locator("#waiting li[data-need]", { hasText: "陪我去医院配药" });
    await row.waitFor();
    await axeCheck(found, page, "console");
    await screenshot(page, "need-dispatch", true);
    await row.locator("select").selectOption(v.sub);
    await row.getByRole("button", { name: "派单" }).click();
    const print = page.locator("#done a", { hasText: "打印预约单" });
    await print.waitFor();
    await print.click();
    await page.locator("#slip:not([hidden])").waitFor();
    expect(await page.textContent("#s-title")).toContain("陪我去医院配药");
    expect(await page.textContent("#s-resident")).toBe("陈奶奶");
    expect(await page.textContent("#s-volunteer")).toBe(v.name);
    expect(((await page.textContent("#s-code")) ?? "").trim()).toMatch(/^\d{6}$/);
    await axeCheck(found, page, "slip");
    await screenshot(page, "need-slip", true);

    const elder = await browser.newPage({ elder: true });
    await uiLogin(elder, api, "staff", "s-01", "/staff/");
    await elder.locator("#waiting .loading").waitFor({ state: "detached" });
    await axeCheck(found, elder, "console (长辈模式)");
    expect(found).toEqual([]);
  });

  it("a volunteer gives a need back (退单) with a reason; after a day the worker's console says it waits", async () => {
    const worker = await demoPerson(api, "s-01");
    const rToken = await api.login({ sub: "r-n9", role: "resident", name: "赵阿姨" });
    const posted = await api.request("POST", "/api/needs", {
      token: rToken,
      body: {
        category: "health",
        title: "上门量血压",
        community: worker.community,
        mode: "door",
        phone: "13812340009",
      },
    });
    expect(posted.status, posted.text).toBe(201);
    const needId = posted.body.id as string;
    const vToken = await api.login(await demoPerson(api, "v-01"));
    const claim = await api.request("POST", `/api/needs/${needId}/claim`, { token: vToken });
    expect(claim.status, claim.text).toBe(200);

    const volunteer = await browser.newPage();
    await uiLogin(volunteer, api, "volunteer", "v-01", "/volunteer/");
    const item = volunteer.locator(`li[data-booking="${claim.body.booking.id}"]`);
    await item.getByRole("button", { name: "退单" }).click();
    await volunteer.fill(`#release-${claim.body.booking.id}`, "临时有事，去不了");
    await item.getByRole("button", { name: "确认退单" }).click();
    await expect.poll(() => volunteer.textContent("#msg"), { timeout: 10_000 }).toContain("已退单");
    expect((await api.request("GET", `/api/needs/${needId}`, { token: rToken })).body.status).toBe("open");

    // A day later the needs job has run: the console says it waits, at the top of 待派单
    expect((await sweepNeeds(new Date(Date.now() + 25 * 3_600_000))).escalated).toBe(1);
    const desk = await browser.newPage();
    await uiLogin(desk, api, "staff", "s-01", "/staff/");
    await expect
      .poll(() => desk.textContent("#waiting-alert"), { timeout: 10_000 })
      .toContain("已等了一天以上");
    expect(await desk.textContent("#waiting")).toContain("上门量血压");

    // The district's admin sees it among the needs nobody has claimed, and hides it with a reason
    const admin = await browser.newPage();
    await uiLogin(admin, api, "admin", "a-01", "/admin/");
    const unclaimed = admin.locator(`#unclaimed li[data-need="${needId}"]`);
    await unclaimed.getByRole("button", { name: "隐藏需求「上门量血压」" }).click();
    await admin.fill(`#hide-need-${needId}`, "重复发布");
    await unclaimed.getByRole("button", { name: "确认隐藏" }).click();
    await expect.poll(() => unclaimed.textContent(), { timeout: 10_000 }).toContain("已隐藏");
    await api.settle(20_000);
    const notes = await api.request("GET", "/api/me/notifications", { token: rToken });
    expect(notes.body.items.some((x: { text: string }) => x.text.includes("重复发布"))).toBe(true);
    expect(await axeViolations(admin), "dashboard").toEqual([]);
  });
});
