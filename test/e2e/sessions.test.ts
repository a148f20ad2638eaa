/**
 * Scheduled services in a real Chromium (390×844, a common phone) against the real
 * local server and DynamoDB Local: a volunteer publishes "every Saturday
 * 09:00–11:00, 20 seats" from the console's form; cancels one session from its
 * roster with a reason; a resident picks next Saturday's date chip (a full session
 * shows 候补, the cancelled one is struck through and cannot be chosen), logs in on
 * the way and books it; the roster shows them, accepts them all and reveals a contact;
 * 核销 before the session has started is refused, said on the row; the community
 * calendar shows the session and links to it; axe-core on every view, in normal and 长辈模式; screenshots of each.
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { localTime, WEEKDAY_NAMES } from "../../shared/clock.ts";
import type { TestApi } from "../support/api.ts";
import { axeCheck, type TestBrowser } from "../support/browser.ts";
import { browserStack, type DemoPerson, demoPerson, uiLogin } from "../support/ui.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const SHOTS = resolve(ROOT, "test/.artifacts");
const VIEW = { width: 390, height: 844 } as const;
const TITLE = "义务理发（每周六）";

let api: TestApi;
let browser: TestBrowser;
let volunteer: Page;
let resident: Page;
let vPerson: DemoPerson;
let rPerson: DemoPerson;
let vToken: string;
let rToken: string;
let listingId = "";
type SessionView = { id: string; startsAt: string; status: string; seatsTaken: number; capacity: number };
let sessions: SessionView[] = [];
/** Next Saturday's session (the first one still to come), the full one and the cancelled one. */
let next: SessionView;
let full: SessionView;
let cancelled: SessionView;
let bookingId = "";

/** A 390×844 screenshot in test/.artifacts, with `anchor` (when given) at the top of the screen. */
async function shot(page: Page, name: string, anchor?: string) {
  mkdirSync(SHOTS, { recursive: true });
  if (anchor) await page.locator(anchor).evaluate((el) => el.scrollIntoView({ block: "start" }));
  await page.screenshot({ path: resolve(SHOTS, `sessions-${name}.png`) });
}

const msg = () => volunteer.textContent("#msg");
/** expect.poll with room for a loaded 2-core machine (its default gives up after 1 s). */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });
const rosterPath = (s: SessionView) => `/volunteer/roster/?id=${listingId}&session=${s.id}`;
/** The local (Asia/Shanghai) weekday and time of an instant: "6 09:00". */
const shanghai = (iso: string) => {
  const { weekday, time } = localTime(iso);
  return `${weekday} ${time}`;
};

/** "12月5日（周六）09:00", as the storefront writes a session's start. */
function shanghaiWhen(iso: string) {
  const { month, day, weekday, time } = localTime(iso);
  return `${month}月${day}日（周${WEEKDAY_NAMES[weekday]}）${time}`;
}

async function residentJoin(i: number, sessionId: string) {
  const token = await api.login({ sub: `r-t${i}`, role: "resident", name: `居民${i}` });
  const res = await api.request("POST", `/api/listings/${listingId}/bookings`, {
    token,
    body: { phone: `139000000${String(i).padStart(2, "0")}`, sessionId },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; completionCode: string; status: string };
}

browserStack((s) => ({ api, browser } = s));
beforeAll(async () => {
  vPerson = await demoPerson(api, "v-01");
  rPerson = await demoPerson(api, "r-01");
  vToken = await api.login(vPerson);
  rToken = await api.login(rPerson);
  volunteer = await browser.newPage(VIEW);
  resident = await browser.newPage(VIEW);
  await uiLogin(volunteer, api, "volunteer", vPerson.sub, "/volunteer/");
});

describe("scheduled services in the storefront", () => {
  it("a volunteer publishes 'every Saturday 09:00–11:00, 20 seats' and sees its sessions", async () => {
    const axe: string[] = [];
    // Prepare
    await volunteer.locator("#mine .loading").waitFor({ state: "detached" });

    // Act: an event that repeats every Saturday, 09:00–11:00, 20 seats each
    await volunteer.fill("#f-title", TITLE);
    await volunteer.selectOption("#f-category", "convenience");
    await volunteer.selectOption("#f-kind", "event");
    await volunteer.selectOption("#f-mode", "venue");
    await volunteer.fill("#f-capacity", "20");
    await volunteer.selectOption("#f-repeat", "weekly");
    await volunteer.getByRole("checkbox", { name: "周六" }).check();
    await volunteer.fill("#f-s-start", "09:00");
    await volunteer.fill("#f-s-end", "11:00");
    await volunteer.fill("#f-desc", "社区活动室，理发师志愿者免费理发，请自带毛巾。");
    await expect
      .poll(() => volunteer.textContent("#schedule-text"))
      .toBe("居民会看到：每周六 09:00–11:00，每场 20 位");
    expect(await volunteer.isHidden("#f-starts")).toBe(true);
    await axeCheck(axe, volunteer, "/volunteer/ (schedule form)");
    await shot(volunteer, "form", "#f-repeat");
    await volunteer.getByRole("button", { name: "发布", exact: true }).click();

    // Assess: published with the API's schedule; 我的服务 lists the Saturdays, each a link to its roster
    await poll(msg).toContain(`已发布：${TITLE}`);
    const mine = volunteer.locator("#mine li[data-listing]", { hasText: TITLE });
    await mine.waitFor();
    listingId = (await mine.getAttribute("data-listing")) ?? "";
    const listing = await api.request("GET", `/api/listings/${listingId}`);
    expect(listing.body.schedule).toMatchObject({
      rrule: "FREQ=WEEKLY;BYDAY=SA",
      startTime: "09:00",
      durationMinutes: 120,
      capacity: 20,
    });
    expect(listing.body.startsAt).toBeUndefined();
    sessions = (await api.request("GET", `/api/listings/${listingId}/sessions`)).body.items;
    expect(sessions.length).toBeGreaterThanOrEqual(7);
    for (const s of sessions) expect(shanghai(s.startsAt)).toBe("6 09:00");
    [next, full, cancelled] = sessions.filter((s) => s.status === "open") as [
      SessionView,
      SessionView,
      SessionView,
    ];
    expect(await mine.textContent()).toContain("举办：每周六 09:00–11:00，每场 20 位");
    await mine.locator(`li[data-session="${next.id}"]`).waitFor();
    expect(await mine.locator("li[data-session]").count()).toBeGreaterThanOrEqual(7);
    expect(await mine.locator(`li[data-session="${next.id}"] a`).getAttribute("href")).toBe(rosterPath(next));
    await shot(volunteer, "console", `#mine li[data-listing="${listingId}"]`);
    expect(axe).toEqual([]);
  });

  it("publishes 'the first Monday of each month', and shows that schedule again when editing", async () => {
    // Act: 每月第一个周一 08:30–09:30, 30 seats
    await volunteer.fill("#f-title", "量血压测血糖（每月）");
    await volunteer.selectOption("#f-category", "health");
    await volunteer.selectOption("#f-kind", "event");
    await volunteer.selectOption("#f-mode", "venue");
    await volunteer.fill("#f-capacity", "30");
    await volunteer.selectOption("#f-repeat", "monthly");
    await volunteer.selectOption("#f-nth", "1");
    await volunteer.selectOption("#f-mday", "MO");
    await volunteer.fill("#f-s-start", "08:30");
    await volunteer.fill("#f-s-end", "09:30");
    await poll(() => volunteer.textContent("#schedule-text")).toBe(
      "居民会看到：每月第一个周一 08:30–09:30，每场 30 位",
    );
    expect(await volunteer.isHidden("#weekly-box")).toBe(true);
    await volunteer.getByRole("button", { name: "发布", exact: true }).click();

    // Assess: the API's monthly rule; every session a first Monday at 08:30
    await poll(msg).toContain("已发布：量血压测血糖（每月）");
    const mine = volunteer.locator("#mine li[data-listing]", { hasText: "量血压测血糖（每月）" });
    await mine.waitFor();
    const id = (await mine.getAttribute("data-listing")) ?? "";
    const listing = await api.request("GET", `/api/listings/${id}`);
    expect(listing.body.schedule).toMatchObject({
      rrule: "FREQ=MONTHLY;BYDAY=1MO",
      startTime: "08:30",
      durationMinutes: 60,
      capacity: 30,
    });
    const monthly: SessionView[] = (await api.request("GET", `/api/listings/${id}/sessions`)).body.items;
    expect(monthly.length).toBeGreaterThanOrEqual(1);
    for (const s of monthly) {
      expect(shanghai(s.startsAt)).toBe("1 08:30");
      expect(localTime(s.startsAt).day).toBeLessThanOrEqual(7);
    }
    expect(await mine.textContent()).toContain("举办：每月第一个周一 08:30–09:30，每场 30 位");

    // Act + Assess: 编辑 shows the schedule as it was set
    await mine.getByRole("button", { name: "编辑" }).click();
    expect(await volunteer.inputValue("#f-repeat")).toBe("monthly");
    expect(await volunteer.inputValue("#f-nth")).toBe("1");
    expect(await volunteer.inputValue("#f-mday")).toBe("MO");
    expect(await volunteer.inputValue("#f-s-start")).toBe("08:30");
    expect(await volunteer.inputValue("#f-s-end")).toBe("09:30");
    expect(await volunteer.textContent("#schedule-text")).toContain("每月第一个周一 08:30–09:30，每场 30 位");
    await volunteer.getByRole("button", { name: "取消编辑" }).click();
    expect(await volunteer.inputValue("#f-repeat")).toBe("once");
  });

  it("cancels one session from its roster, with a reason", async () => {
    const axe: string[] = [];
    // Prepare: one resident on the session to cancel
    const booked = await residentJoin(90, cancelled.id);

    // Act: the roster of that date; 取消这一场 wants a reason, then a second press
    await volunteer.click(`#mine li[data-session="${cancelled.id}"] a`);
    await volunteer.waitForURL((u) => u.pathname === "/volunteer/roster/");
    await volunteer.locator(`#roster li[data-booking="${booked.id}"]`).waitFor();
    await volunteer.getByRole("button", { name: "取消这一场" }).click();
    await poll(msg).toContain("请写明取消原因");
    await volunteer.getByLabel("取消原因（居民会看到）").fill("活动室维修，暂停一次");
    await volunteer.getByRole("button", { name: "取消这一场" }).click();
    await volunteer.getByRole("button", { name: "确定取消这一场？再点一次" }).click();

    // Assess: cancelled with its reason; its booking cancelled; the cancel box gone
    await poll(msg).toContain("这一场已取消");
    await poll(() => volunteer.textContent("#roster-cancelled")).toContain("活动室维修，暂停一次");
    expect(await volunteer.isHidden("#cancel-box")).toBe(true);
    const after = await api.request("GET", `/api/bookings/${booked.id}`, { token: vToken });
    expect(after.body.status).toBe("cancelled");
    await axeCheck(axe, volunteer, "roster (cancelled)");
    expect(axe).toEqual([]);
  });

  it("a resident picks next Saturday on the service page (full → 候补, cancelled struck through) and books it", async () => {
    const axe: string[] = [];
    // Prepare: the second Saturday is full
    for (let i = 1; i <= 20; i++) await residentJoin(i, full.id);

    // Act: the service page shows the dates as chips
    await resident.goto(`${api.url}/service/?id=${listingId}`);
    const chips = resident.locator("#session-chips .chip");
    await chips.first().waitFor();
    expect(await resident.textContent("#when")).toContain("每周六 09:00–11:00，每场 20 位");
    const chip = (s: SessionView) => resident.locator(`.chip[data-session="${s.id}"]`);
    expect(await chip(next).textContent()).toContain("周六 09:00");
    expect(await chip(next).textContent()).toContain("剩 20 位");
    expect(await chip(full).textContent()).toContain("候补");
    expect(await chip(cancelled).textContent()).toContain("已取消");
    expect(await chip(cancelled).locator("input").isDisabled()).toBe(true);
    const strike = await chip(cancelled)
      .locator("label")
      .evaluate((el) => getComputedStyle(el).textDecorationLine);
    expect(strike).toBe("line-through");
    await axeCheck(axe, resident, "/service/ (chips)");

    // Act: pick next Saturday, 加入该项目, log in on the way, and confirm
    await chip(next).locator("label").click();
    await poll(() => resident.textContent("#session-choice")).toContain("已选：");
    expect(resident.url()).toContain(`session=${next.id}`);
    await resident.getByRole("button", { name: "加入该项目" }).click();
    await resident.waitForURL(/\/login\//);
    await resident.click(`button[data-sub="${rPerson.sub}"]`);
    await resident.waitForURL(/\/service\/\?.*join=1/);
    await resident.locator("#join-form").waitFor();
    expect(await chip(next).locator("input").isChecked()).toBe(true);
    await resident.fill("#phone", "13812345678");
    expect(await resident.isHidden("#preferredTime")).toBe(true);
    await axeCheck(axe, resident, "/service/ (join form)");
    await shot(resident, "service", "#sessions");
    await resident.click("#submit");

    // Assess: booked on that date, and the session's seats show it
    await poll(() => resident.textContent("#result")).toContain("预约成功");
    expect(await resident.textContent("#result")).toContain("周六");
    await resident.getByRole("link", { name: "查看我的预约" }).click();
    const booking = resident.locator("li[data-booking]", { hasText: TITLE });
    await booking.waitFor();
    expect(await booking.textContent()).toContain(`时间：${shanghaiWhen(next.startsAt)}`);
    const mine = await api.request("GET", `/api/listings/${listingId}/sessions/${next.id}/roster`, {
      token: vToken,
    });
    expect(mine.body.items).toEqual([
      expect.objectContaining({ residentId: rPerson.sub, sessionId: next.id, status: "requested" }),
    ]);
    bookingId = mine.body.items[0].id;
    expect(mine.body.session.seatsTaken).toBe(1);
    expect(axe).toEqual([]);
  });

  it("the roster shows them; 全部接受, contact revealed (audited); 核销 before the session starts is refused on the row", async () => {
    const axe: string[] = [];
    // Prepare: a second resident on the same Saturday; the codes they would read out
    const other = await residentJoin(40, next.id);
    const mineCode = (await api.request("GET", `/api/bookings/${bookingId}`, { token: rToken })).body
      .completionCode as string;

    // Act: open next Saturday's roster from the console
    await volunteer.goto(`${api.url}/volunteer/`);
    await volunteer.click(`#mine li[data-session="${next.id}"] a`);
    await volunteer.waitForURL((u) => u.pathname === "/volunteer/roster/");
    const row = (id: string) => volunteer.locator(`#roster li[data-booking="${id}"]`);
    await row(bookingId).waitFor();

    // Assess: both, in arrival order, phones masked, the title and date on top
    expect(await volunteer.textContent("#roster-title")).toBe(`${TITLE} · 名单`);
    expect(await volunteer.textContent("#roster-when")).toContain("09:00–11:00");
    expect(
      await volunteer
        .locator("#roster li[data-booking]")
        .evaluateAll((els) => els.map((e) => e.getAttribute("data-booking"))),
    ).toEqual([bookingId, other.id]);
    expect(await row(bookingId).textContent()).toContain(`1. ${rPerson.name}`);
    expect(await row(bookingId).textContent()).toContain("等待志愿者确认");
    expect(await row(bookingId).textContent()).toContain("****5678");
    expect(await volunteer.inputValue("#roster-hours")).toBe("2");

    // Act: accept both at once, and reveal the first resident's contact
    await volunteer.getByRole("button", { name: "全部接受" }).click();
    await poll(msg).toContain("已接受 2 位居民");
    await row(bookingId).getByRole("button", { name: "查看联系方式" }).click();
    await poll(() => row(bookingId).locator(".contact").textContent()).toContain("13812345678");
    await axeCheck(axe, volunteer, "roster (accepted)");
    await shot(volunteer, "roster-accepted", "#roster-h");

    // Act: 核销 next Saturday's session now, with the right code: refused, it has not started yet
    // (sessions are made from now on, so none has started; completing is proven on the inbox in journeys)
    const code = (id: string) => volunteer.locator(`#code-${id}`);
    await code(bookingId).fill(mineCode);
    await code(bookingId).press("Enter");
    // the outcome on its row, under the code box that caused it, announced
    const told = (id: string) => () => volunteer.textContent(`[data-outcome="${id}"]`);
    await poll(told(bookingId)).toContain("服务还没开始，到了服务时间才能完成或确认");
    expect(await volunteer.getAttribute(`[data-outcome="${bookingId}"]`, "aria-live")).toBe("polite");
    const [box, outcome] = [
      await code(bookingId).boundingBox(),
      await volunteer.locator(`[data-outcome="${bookingId}"]`).boundingBox(),
    ];
    expect((outcome?.y ?? 0) - ((box?.y ?? 0) + (box?.height ?? 0))).toBeGreaterThanOrEqual(0);
    expect((outcome?.y ?? 999) - ((box?.y ?? 0) + (box?.height ?? 0))).toBeLessThan(200);
    expect(await volunteer.textContent(`[data-outcome="${other.id}"]`)).toBe("");

    // Assess: both still accepted, nothing recorded; the contact read is in the audit
    expect(await row(bookingId).textContent()).not.toContain("已核销 ✓");
    for (const id of [bookingId, other.id]) {
      const b = await api.request("GET", `/api/bookings/${id}`, { token: vToken });
      expect(b.body.status).toBe("accepted");
    }
    await api.settle();
    const aToken = await api.login({ sub: "a-t1", role: "admin", name: "区管理员" });
    const audit = await api.request("GET", "/api/admin/contact-reads", { token: aToken });
    expect(audit.body.items).toContainEqual(expect.objectContaining({ bookingId, volunteerId: vPerson.sub }));
    await axeCheck(axe, volunteer, "roster (completed)");
    await shot(volunteer, "roster");
    expect(axe).toEqual([]);
  });

  it("the community calendar shows next Saturday's session, remembers the 社区 and links to that date", async () => {
    const axe: string[] = [];
    const community = vPerson.community ?? "";
    // Act: choose the volunteer's 社区
    await resident.goto(`${api.url}/calendar/`);
    expect(await resident.getAttribute('nav a[href="/calendar/"]', "aria-current")).toBe("page");
    await resident.locator(`#cal-community option[value="${community}"]`).waitFor({ state: "attached" });
    await resident.selectOption("#cal-community", community);
    const item = resident.locator(`.cal-item[data-session="${next.id}"]`);
    await item.waitFor();

    // Assess: under its day, with its time, seats and a link to that date on the service page
    const day = resident.locator(`.cal-day:has(.cal-item[data-session="${next.id}"]) h2`);
    expect(await day.textContent()).toMatch(/周六$/);
    expect(await item.textContent()).toContain("09:00–11:00");
    expect(await item.textContent()).toContain(TITLE);
    expect(await item.textContent()).toContain("剩 18 位");
    expect(await item.locator("a").getAttribute("href")).toBe(`/service/?id=${listingId}&session=${next.id}`);
    expect(await resident.locator(`.cal-item[data-session="${cancelled.id}"]`).count()).toBe(0);
    await axeCheck(axe, resident, "/calendar/");
    await shot(resident, "calendar");

    // Act: come back later; then follow the link
    await resident.goto(`${api.url}/calendar/`);
    await item.waitFor();
    expect(await resident.inputValue("#cal-community")).toBe(community);
    await item.locator("a").click();

    // Assess: the service page opens with that date chosen
    await resident.waitForURL(/\/service\//);
    const chip = resident.locator(`.chip[data-session="${next.id}"] input`);
    await chip.waitFor({ state: "attached" });
    await poll(() => chip.isChecked()).toBe(true);
    expect(axe).toEqual([]);
  });

  it("has no axe-core violations on the session views in either mode (长辈模式 screenshots too)", async () => {
    const views: [Page, string][] = [
      [resident, `/service/?id=${listingId}&session=${next.id}`],
      [resident, "/calendar/"],
      [volunteer, "/volunteer/"],
      [volunteer, rosterPath(next)],
      [volunteer, rosterPath(cancelled)],
    ];
    const found: string[] = [];
    for (const elder of [false, true]) {
      for (const [page, path] of views) {
        await page.goto(`${api.url}${path}`);
        await page.evaluate((on) => localStorage.setItem("elder", on ? "1" : "0"), elder);
        await page.reload({ waitUntil: "networkidle" });
        await page.locator(".loading:visible").first().waitFor({ state: "detached" });
        await axeCheck(found, page, `${elder ? "长辈模式 " : ""}${path}`);
      }
    }
    await resident.goto(`${api.url}/service/?id=${listingId}`);
    await resident.locator("#session-chips .chip").first().waitFor();
    await shot(resident, "service-elder", "#sessions");
    await resident.goto(`${api.url}/calendar/`);
    await resident.locator(".cal-item").first().waitFor();
    await shot(resident, "calendar-elder");
    await volunteer.goto(`${api.url}${rosterPath(next)}`);
    await volunteer.locator("#roster li[data-booking]").first().waitFor();
    await shot(volunteer, "roster-elder", "#roster-h");
    expect(found).toEqual([]);
  });
});
