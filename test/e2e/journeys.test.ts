/**
 * Five journeys walked on a phone (issue 20, items 3–11; issue 18 item 4), in a real
 * Chromium at 360 and 320 px against the real local server: a resident, a volunteer,
 * a community worker and the district admin. Every page's links and buttons (the
 * header's too) are at least 60 × 60 px in 长辈模式 and nothing scrolls sideways at
 * 320 px in either mode; 朗读 speaks a chosen text; 我的预约 puts live bookings first;
 * the A6 slip prints on A6 with where, how and until when; what the worker knows
 * reaches the volunteer; outcomes show beside their control; an already-joined
 * service says so; each role lands on its console; the chosen 社区 carries over; the
 * dashboard names its 完成率.
 */
import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { type StatFact, statsUpdates } from "../../functions/domain/stats/counters.ts";
import { ddb } from "../../functions/lib/db.ts";
import { addDays, localDay, whenWords, zonedInstant } from "../../shared/clock.ts";
import { TOKEN_STORAGE_KEY } from "../../shared/roles.ts";
import type { TestApi } from "../support/api.ts";
import { smallControls, type TestBrowser } from "../support/browser.ts";
import { eventInput, listingInput } from "../support/builders.ts";
import { browserStack, type DemoPerson, demoPerson, screenshot } from "../support/ui.ts";

let api: TestApi;
let browser: TestBrowser;
let vPerson: DemoPerson;
let vToken: string;
let rToken: string;
let staffToken: string;
/** The ids the page list below needs, made in beforeAll. */
const made = { door: "", event: "", booking: "", staffBooking: "", family: "", roster: "", weekly: "" };

/** A local day `n` days from today, at `time`, Asia/Shanghai. */
const at = (n: number, time: string) => zonedInstant(addDays(localDay(new Date()), n), time).toISOString();

async function post(path: string, token: string, body?: unknown) {
  const res = await api.request("POST", path, { token, ...(body === undefined ? {} : { body }) });
  expect(res.status, `${path}: ${res.text}`).toBeLessThan(300);
  return res.body;
}

/** How far the page scrolls sideways, in px (0 when it fits), and the innermost elements that stick out. */
const sideways = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out = [...document.querySelectorAll("body *")]
      .filter((el) => {
        if (el.getBoundingClientRect().right <= width + 0.5) return false;
        // inside a box that scrolls sideways on its own (a wide table): not the page's
        for (let up = el.parentElement; up && up !== document.body; up = up.parentElement)
          if (getComputedStyle(up).overflowX !== "visible") return false;
        return true;
      })
      .slice(0, 3)
      .map((el) => `${el.closest("[id]")?.id ?? ""} ${el.tagName.toLowerCase()}.${el.className}`);
    return { px: document.documentElement.scrollWidth - width, out };
  });

/** Every page of the site, with whom it is seen as and what shows once it has loaded. */
function everyPage(): {
  path: string;
  as: "anyone" | "resident" | "volunteer" | "staff" | "admin";
  ready: string;
}[] {
  return [
    { path: "/", as: "anyone", ready: "a[data-cat]" },
    { path: "/category/convenience/", as: "anyone", ready: `a[data-listing]` },
    { path: `/search/?q=${encodeURIComponent("理发")}`, as: "anyone", ready: "a[data-listing]" },
    { path: `/service/?id=${made.door}`, as: "anyone", ready: "#service:not([hidden])" },
    { path: `/shop/?id=${vPerson.sub}`, as: "anyone", ready: "a[data-listing]" },
    { path: `/service/?id=${made.weekly}`, as: "anyone", ready: "#service:not([hidden])" },
    { path: `/poster/?service=${made.door}`, as: "anyone", ready: "svg" },
    { path: `/poster/?shop=${vPerson.sub}`, as: "anyone", ready: "svg" },
    { path: "/calendar/", as: "anyone", ready: "main h1" },
    { path: "/login/", as: "anyone", ready: "button[data-sub]" },
    { path: "/no-such-page", as: "anyone", ready: "main h1" },
    { path: made.family, as: "anyone", ready: "#f-call a" },
    { path: "/me/", as: "resident", ready: "li[data-booking]" },
    { path: "/volunteer/", as: "volunteer", ready: "#inbox li[data-booking]" },
    { path: "/volunteer/certificate/", as: "volunteer", ready: "main h1" },
    { path: made.roster, as: "volunteer", ready: "#roster-figures:not(:empty)" },
    { path: "/staff/", as: "staff", ready: "#mine li" },
    { path: `/staff/slip/?id=${made.staffBooking}`, as: "staff", ready: "#slip:not([hidden])" },
    { path: "/admin/", as: "admin", ready: "#dash:not([hidden])" },
  ];
}

const SUBS = { resident: "r-01", volunteer: "v-01", staff: "s-01", admin: "a-01" } as const;
const tokens: Partial<Record<keyof typeof SUBS, string>> = {};

/** A page of `width` px, in 长辈模式 or not, signed in as `as` (a token put where the storefront keeps it). */
async function pageAs(as: keyof typeof SUBS | "anyone", width: number, elder: boolean): Promise<Page> {
  const page = await browser.newPage({ width, height: 780, elder });
  if (as !== "anyone") {
    tokens[as] ??= await api.login(await demoPerson(api, SUBS[as]));
    const token = tokens[as];
    await page
      .context()
      .addInitScript(([k, t]) => localStorage.setItem(k, t), [TOKEN_STORAGE_KEY, token] as const);
  }
  return page;
}

browserStack((s) => ({ api, browser } = s));
beforeAll(async () => {
  vPerson = await demoPerson(api, "v-01");
  vToken = await api.login(vPerson);
  rToken = await api.login(await demoPerson(api, "r-01"));
  tokens.resident = rToken;
  staffToken = await api.login(await demoPerson(api, "s-01"));
  tokens.staff = staffToken;
  const door = await post(
    "/api/listings",
    vToken,
    listingInput({ title: "上门理发（旅程）", mode: "door", community: "大关西苑社区" }),
  );
  made.door = door.id;
  const event = await post(
    "/api/listings",
    vToken,
    eventInput({
      title: "健康讲座（旅程）",
      category: "convenience",
      mode: "venue",
      startsAt: at(3, "09:00"),
      endsAt: at(3, "11:00"),
      capacity: 8,
      place: "大关西苑社区服务站 2 楼",
    }),
  );
  made.event = event.id;
  const booking = await post(`/api/listings/${made.door}/bookings`, rToken, {
    phone: "13812340001",
    address: "大关西苑 5 幢 302",
  });
  made.booking = booking.id;
  // A weekly service and its first session's roster
  const weekly = await post(
    "/api/listings",
    vToken,
    eventInput({
      title: "义务理发（每周，旅程）",
      schedule: {
        rrule: "FREQ=WEEKLY;BYDAY=SA",
        startTime: "09:00",
        durationMinutes: 120,
        from: localDay(new Date()),
        capacity: 5,
      },
    }),
  );
  const sessions = await api.request("GET", `/api/listings/${weekly.id}/sessions`);
  made.weekly = weekly.id;
  made.roster = `/volunteer/roster/?id=${weekly.id}&session=${sessions.body.items[0].id}`;
  // The 居委会 phone, so the family page shows its call link too
  const phone = await api.request("PUT", "/api/staff/community", {
    token: staffToken,
    body: { phone: "0571-88001234" },
  });
  expect(phone.status, phone.text).toBe(200);
  const share = await post(`/api/bookings/${made.booking}/share`, rToken);
  made.family = share.path;
  const registered = await post("/api/staff/residents", staffToken, {
    name: "王奶奶",
    phone: "13912340077",
    address: "大关西苑 3 幢 201",
    note: "耳背，独居，请先敲门大声喊",
    consent: true,
  });
  const staffBooking = await post(`/api/listings/${made.event}/bookings`, staffToken, {
    onBehalfOf: registered.id,
  });
  made.staffBooking = staffBooking.id;
  await api.settle();
});

describe("every page on a small phone", () => {
  it("in 长辈模式, every link and button is at least 60 × 60 px, the header's too, at 360 and 320 px", async () => {
    const found: string[] = [];
    for (const width of [360, 320]) {
      for (const p of everyPage()) {
        const page = await pageAs(p.as, width, true);
        await page.goto(`${api.url}${p.path}`);
        await page.locator(p.ready).first().waitFor();
        for (const c of await smallControls(page)) found.push(`${width} ${p.path}: ${c}`);
        await page.context().close();
      }
    }
    expect(found).toEqual([]);
  });

  it("nothing scrolls sideways at 320 px, in either mode", async () => {
    const found: string[] = [];
    for (const elder of [false, true]) {
      for (const p of everyPage()) {
        const page = await pageAs(p.as, 320, elder);
        await page.goto(`${api.url}${p.path}`);
        await page.locator(p.ready).first().waitFor();
        const over = await sideways(page);
        if (over.px > 0)
          found.push(`${elder ? "长辈模式 " : ""}${p.path}: ${over.px} px (${over.out.join(", ")})`);
        await page.context().close();
      }
    }
    expect(found).toEqual([]);
  });
});

describe("navigation", () => {
  it("in 长辈模式 the header is compact: a card's title shows without scrolling on a category page", async () => {
    for (const width of [360, 320]) {
      const page = await pageAs("anyone", width, true);
      await page.goto(`${api.url}/category/convenience/`);
      const title = page.locator("a[data-listing] .card-title").first();
      await title.waitFor();
      const header = await page.locator(".site-header").boundingBox();
      expect(header?.height, `${width}: header`).toBeLessThanOrEqual(140);
      const box = await title.boundingBox();
      expect((box?.y ?? 999) + (box?.height ?? 0), `${width}: first card's title`).toBeLessThanOrEqual(780);
      await page.context().close();
    }
  });
});

describe("the A6 slip", () => {
  it("prints on A6 with how, where and until when, and its 核销码 fits at 360 and 320 px in 长辈模式", async () => {
    const page = await pageAs("staff", 360, false);
    await page.goto(`${api.url}/staff/slip/?id=${made.staffBooking}`);
    await page.locator("#slip:not([hidden])").waitFor();
    expect(await page.textContent("#s-how")).toBe("到场参加");
    expect(await page.textContent("#s-place")).toBe("大关西苑社区服务站 2 楼");
    expect(await page.textContent("#s-when")).toMatch(/上午\s9:00 至 11:00$/);
    await page.emulateMedia({ media: "print" });
    // Printed: one A6 page (105 × 148 mm = 297.6 × 419.5 pt), not US Letter
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
    expect(boxes.length, "one sheet").toBe(1);
    // Chromium rounds the sheet to whole CSS px (397 × 560 px = 297.8 × 420 pt)
    expect(Math.abs(Number(boxes[0]?.[1]) - 297.6)).toBeLessThan(1);
    expect(Math.abs(Number(boxes[0]?.[2]) - 419.5)).toBeLessThan(1);
    // What the sheet shows: its printable area (A6 less 5 mm margins) at 96 dpi
    await page.setViewportSize({ width: 359, height: 522 });
    await screenshot(page, "staff-slip-print");
    await page.context().close();
    for (const width of [360, 320]) {
      const elder = await pageAs("staff", width, true);
      await elder.goto(`${api.url}/staff/slip/?id=${made.staffBooking}`);
      await elder.locator("#slip:not([hidden])").waitFor();
      const fits = await elder.$eval("#s-code", (el) => {
        const slip = el.closest(".slip")?.getBoundingClientRect();
        const r = el.getBoundingClientRect();
        return el.scrollWidth <= el.clientWidth && !!slip && r.right <= slip.right && r.left >= slip.left;
      });
      expect(fits, `${width}: the code inside the slip`).toBe(true);
      await elder.context().close();
    }
  });
});

/** The browser's speech engine, replaced by one that writes down what it is asked to say. */
async function listening(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const said: string[] = [];
    (window as unknown as { __said: string[] }).__said = said;
    const synth = {
      speak: (u: { text: string }) => said.push(u.text),
      cancel: () => undefined,
      getVoices: () => [],
    };
    Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  });
  return () => page.evaluate(() => (window as unknown as { __said: string[] }).__said);
}

describe("朗读 and 我的预约", () => {
  it("朗读 on the service page says what, who, when, where and seats, nothing else", async () => {
    const page = await pageAs("anyone", 360, true);
    const said = await listening(page);
    await page.goto(`${api.url}/service/?id=${made.event}`);
    await page.locator("#service:not([hidden])").waitFor();
    await page.getByRole("button", { name: "朗读" }).click();
    const [text] = await said();
    expect(text).toBe(
      [
        "健康讲座（旅程），便民利民",
        `志愿者：${vPerson.name}`,
        `时间：${whenWords(at(3, "09:00"))} 至 11:00`,
        "地点：到场参加，大关西苑社区服务站 2 楼",
        "还剩 7 个名额",
      ].join("。"),
    );
    await page.context().close();
  });

  it("我的预约: new notifications on top, live bookings next with their own 朗读, finished ones folded", async () => {
    // Prepare: one booking accepted (a new notification), one cancelled (finished)
    const other = await post(
      "/api/listings",
      vToken,
      listingInput({ title: "书法课（已取消）", mode: "venue" }),
    );
    const cancelled = await post(`/api/listings/${other.id}/bookings`, rToken, { phone: "13812340001" });
    await post(`/api/bookings/${cancelled.id}/cancel`, rToken);
    await post(`/api/bookings/${made.booking}/accept`, vToken);
    await api.settle();
    const page = await pageAs("resident", 360, true);
    const said = await listening(page);
    await page.goto(`${api.url}/me/`);
    const booking = page.locator(`#bookings li[data-booking="${made.booking}"]`);
    await booking.waitFor();
    await page.locator("#notes .note.unread").first().waitFor();

    // Assess: the new notification above the bookings, the cancelled one folded away
    const top = (sel: string) =>
      page
        .locator(sel)
        .first()
        .evaluate((el) => el.getBoundingClientRect().top);
    expect(await top("#notes .note.unread")).toBeLessThan(await top("#bookings"));
    expect(await page.locator(`li[data-booking="${cancelled.id}"]`).isVisible()).toBe(false);
    expect(await page.textContent("#past-box summary")).toBe("以前的预约（1）");
    await screenshot(page, "me-elder", true);
    await page.click("#past-box summary");
    expect(await page.locator(`#past li[data-booking="${cancelled.id}"]`).isVisible()).toBe(true);

    // 朗读 on the booking: its status, time and 核销码 digit by digit
    const code = (await booking.locator(".code").textContent())?.trim() ?? "";
    await booking.getByRole("button", { name: "朗读" }).click();
    const digits = [...code].map((d) => "零一二三四五六七八九"[Number(d)]).join(" ");
    expect(await said()).toEqual([`上门理发（旅程）。志愿者已接单。核销码：${digits}`]);
    // The title link is a 60 px target
    const link = await booking.locator("h3 a").boundingBox();
    expect(link?.height).toBeGreaterThanOrEqual(60);
    await page.context().close();
  });
});

describe("what the worker knows, and outcomes beside their control", () => {
  it("the worker's picker shows each service's next date and seats left before a tap", async () => {
    const page = await pageAs("staff", 360, false);
    await page.goto(`${api.url}/staff/`);
    await page.fill("#find-q", "王");
    await page.click("#find button[type=submit]");
    await page.getByRole("button", { name: "为王奶奶预约" }).click();
    await page.locator("#step-service:not([hidden])").waitFor();
    await page.fill("#svc-q", "旅程");
    await page.click("#svc button[type=submit]");
    const event = page.locator("#services li", { hasText: "健康讲座（旅程）" });
    await expect
      .poll(() => event.locator(".svc-facts").textContent())
      .toBe(`${whenWords(at(3, "09:00"))} · 剩 7 位`);
    const door = page.locator("#services li", { hasText: "上门理发（旅程）" });
    await expect.poll(() => door.locator(".svc-facts").textContent()).toMatch(/^随时预约 · 剩 \d 位$/);
    await page.context().close();
  });

  it("the volunteer sees a worker booked it, the registration note once accepted, and each outcome on the card", async () => {
    const page = await pageAs("volunteer", 360, false);
    await page.goto(`${api.url}/volunteer/`);
    const card = page.locator(`#inbox li[data-booking="${made.staffBooking}"]`);
    await card.waitFor();
    expect(await card.locator(".booked-by").textContent()).toContain("居委会代约：大关西苑社区社区工作者");
    expect(await card.textContent()).not.toContain("耳背");
    await card.getByRole("button", { name: "接受" }).click();
    const outcome = card.locator(`[data-outcome="${made.staffBooking}"]`);
    await expect.poll(() => outcome.textContent()).toContain("已接单：健康讲座（旅程）");
    await expect
      .poll(() => card.locator(".resident-note").textContent())
      .toBe("居委会备注：耳背，独居，请先敲门大声喊");
    expect(await page.textContent("#msg")).toBe("");

    // The event is 3 days away: completing it now is refused, and said on the card
    await page.fill(`#code-${made.staffBooking}`, "000000");
    await card.getByRole("button", { name: "完成核销" }).click();
    await expect.poll(() => outcome.textContent()).toContain("服务还没开始，到了服务时间才能完成或确认");
    expect(await page.textContent("#msg")).toBe("");

    // An on-demand booking may be completed once accepted: a wrong code, then the right one
    const now = await post(
      "/api/listings",
      vToken,
      listingInput({ title: "上门换灯泡（旅程）", mode: "door" }),
    );
    const onDemand = await post(`/api/listings/${now.id}/bookings`, rToken, {
      phone: "13812340001",
      address: "大关西苑 5 幢 302",
    });
    await post(`/api/bookings/${onDemand.id}/accept`, vToken);
    await api.settle();
    await page.reload();
    const ready = page.locator(`#inbox li[data-booking="${onDemand.id}"]`);
    await ready.waitFor();
    const told = ready.locator(`[data-outcome="${onDemand.id}"]`);
    // A wrong code: the error beside the code box, announced, not at the top of the page
    await page.fill(`#code-${onDemand.id}`, onDemand.completionCode === "000000" ? "111111" : "000000");
    await ready.getByRole("button", { name: "完成核销" }).click();
    await expect.poll(() => told.textContent()).toContain("核销码");
    expect(await told.getAttribute("aria-live")).toBe("polite");
    const [button, box] = [
      await ready.getByRole("button", { name: "完成核销" }).boundingBox(),
      await told.boundingBox(),
    ];
    expect(Math.abs((box?.y ?? 0) - ((button?.y ?? 0) + (button?.height ?? 0)))).toBeLessThan(120);
    expect(await page.textContent("#msg")).toBe("");
    // The right code completes it, said on the card
    await page.fill(`#code-${onDemand.id}`, onDemand.completionCode);
    await ready.getByRole("button", { name: "完成核销" }).click();
    await expect.poll(() => told.textContent()).toContain("已完成核销：上门换灯泡（旅程）");
    expect(await page.textContent("#msg")).toBe("");
    await page.context().close();
  });
});

describe("already joined, landing, and the chosen 社区", () => {
  it("a service she joined shows her booking's status and a link; the form remembers her address", async () => {
    const page = await pageAs("resident", 360, false);
    await page.goto(`${api.url}/service/?id=${made.door}`);
    await page.locator("#service:not([hidden])").waitFor();
    expect(await page.isVisible("#join")).toBe(false);
    const already = page.locator("[data-already]");
    expect(await already.textContent()).toContain("您已经加入了这个项目");
    expect(await already.textContent()).toContain("状态：志愿者已接单");
    expect(await already.getByRole("link", { name: "查看我的预约和核销码" }).getAttribute("href")).toBe(
      "/me/",
    );

    const another = await post(
      "/api/listings",
      vToken,
      listingInput({ title: "上门修剪指甲（旅程）", mode: "door" }),
    );
    await page.goto(`${api.url}/service/?id=${another.id}`);
    await page.getByRole("button", { name: "加入该项目" }).click();
    await expect.poll(() => page.inputValue("#address")).toBe("大关西苑 5 幢 302");
    await page.context().close();
  });

  it("after login from the header, each role lands on its own console", async () => {
    const consoles = [
      ["volunteer", "v-01", "/volunteer/"],
      ["staff", "s-01", "/staff/"],
      ["admin", "a-01", "/admin/"],
      ["resident", "r-02", "/"],
    ] as const;
    for (const [role, sub, console] of consoles) {
      const page = await pageAs("anyone", 360, false);
      await page.goto(`${api.url}/`);
      await page.click("#nav-account");
      await page.waitForURL(/\/login\//);
      await page.selectOption("#who", role);
      await page.click(`button[data-sub="${sub}"]`);
      await page.waitForURL((u) => u.pathname === console);
      await page.context().close();
    }
  });

  it("the 社区 chosen on home carries over to a category, search and the calendar", async () => {
    const page = await pageAs("anyone", 360, true);
    await page.goto(`${api.url}/`);
    await page.locator('#community option[value="大关西苑社区"]').waitFor({ state: "attached" });
    await page.selectOption("#community", "大关西苑社区");
    await page.locator("#near-list a[data-listing]").first().waitFor();
    await page.evaluate(() => document.getElementById("near-h")?.scrollIntoView());
    await screenshot(page, "home-community");
    for (const path of ["/category/convenience/", `/search/?q=${encodeURIComponent("理发")}`]) {
      await page.goto(`${api.url}${path}`);
      await page.locator("a[data-listing]").first().waitFor();
      expect(await page.inputValue("#f-community"), path).toBe("大关西苑社区");
    }
    await page.goto(`${api.url}/calendar/`);
    await expect.poll(() => page.inputValue("#cal-community")).toBe("大关西苑社区");
    await page.context().close();
  });
});

describe("the dashboard agrees with itself", () => {
  it("names its one 完成率, colours good and bad per column, hints at wide tables, keeps ordinary days readable", async () => {
    // Prepare: 9 ordinary days (3 requests, 2 completed) and one busy day (60 requests), as the transitions count them
    const base = {
      category: "health",
      community: "长乐社区",
      branch: "区卫健系统联合党支部",
      listingId: made.door,
      listingTitle: "上门理发（旅程）",
    } as const;
    const facts: StatFact[] = [];
    for (let d = 1; d < 10; d++) {
      const day = { ...base, at: new Date(Date.now() - d * 86_400_000) };
      for (let i = 0; i < 3; i++) facts.push({ ...day, event: "requested" });
      for (let i = 0; i < 2; i++) {
        facts.push({ ...day, event: "accepted", from: "requested", hoursToAccept: 2 });
        facts.push({ ...day, event: "completed", from: "accepted", hours: 1 });
      }
      facts.push({ ...day, event: "declined", from: "requested" });
    }
    for (let i = 0; i < 60; i++) facts.push({ ...base, at: new Date(), event: "requested" });
    for (const f of facts) await ddb.send(new TransactWriteCommand({ TransactItems: statsUpdates(f) }));

    const page = await pageAs("admin", 360, false);
    await page.goto(`${api.url}/admin/`);
    await page.locator('[data-stat="fulfilmentRate"]').waitFor();
    await page.locator("#by-category-table tbody tr").first().waitFor();

    // One definition, named; the funnel has no second rate
    expect(await page.textContent("#rate-def")).toContain(
      "完成率 = 完成 ÷ 已结束的请求（完成 + 婉拒 + 取消 + 过期）",
    );
    expect(await page.textContent("#funnel")).not.toContain("%");
    // Colours by meaning: more 完成率 is green, more 婉拒+过期 red, more 请求 grey
    const classes = await page.$$eval("#by-category-table tbody tr:first-child td", (tds) =>
      tds.map((td) => td.className),
    );
    expect(classes[0]).toContain("heat-plain");
    expect(classes[2]).toContain("heat-good");
    expect(classes[3]).toContain("heat-bad");
    // A table wider than the phone says so above it
    expect(
      await page.locator("#by-category-table").evaluate((t) => {
        const hint = t.closest(".table-wrap")?.previousElementSibling as HTMLElement | null;
        return hint?.matches(".table-hint") && !hint.hidden;
      }),
    ).toBe(true);
    // The daily chart: the busy day is cut (its figure on top), an ordinary day's bar is a quarter of the plot or more
    // (today's column, the busy one, left aside: it also holds what the journeys above did today, a completion among them)
    const bars = await page.$$eval("#trend svg rect:not([data-cut])", (rs) => {
      const svg = rs[0]?.closest("svg");
      const today = Number(svg?.querySelector("rect[data-cut]")?.getAttribute("x") ?? Infinity);
      return rs
        .filter((r) => Number(r.getAttribute("x")) < today - 0.5)
        .map((r) => Number(r.getAttribute("height")));
    });
    const plot = 170 - 24 - 20;
    const ordinary = bars.filter((hgt) => hgt < plot);
    expect(ordinary.length).toBeGreaterThan(5);
    expect(Math.min(...ordinary.filter((hgt) => hgt > 0))).toBeGreaterThanOrEqual(plot / 4);
    // (60, and the bookings the journeys above made today)
    expect(
      Number(await page.locator("#trend svg rect[data-cut]").getAttribute("data-cut")),
    ).toBeGreaterThanOrEqual(60);
    await page.evaluate(() => document.getElementById("h-funnel")?.scrollIntoView());
    await screenshot(page, "dashboard-phone");
    await page.context().close();
  });
});
