/**
 * Trust and safety in the browser (issue 19, items 3–6; issue 20.2), at 360 × 780 in
 * both modes: 我的预约 offers 确认完成 only once a service's time has come; the
 * volunteer console tells the owner why an admin paused a service and offers no way
 * to republish it, and shows a resident's late cancellations on the booking card;
 * a resident erases her account from 我的预约. axe-core on each page; in 长辈模式
 * the new controls are at least 60 × 60 px. Screenshots for the README.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { TOKEN_STORAGE_KEY } from "../../shared/roles.ts";
import type { TestApi } from "../support/api.ts";
import { axeCheck, axeViolations, smallControls, type TestBrowser } from "../support/browser.ts";
import { eventInput, listingInput } from "../support/builders.ts";
import { browserStack, demoPerson, screenshot, uiLogin } from "../support/ui.ts";

const HOUR = 3_600_000;
let api: TestApi;
let browser: TestBrowser;
const t = { v: "", r: "", r2: "", admin: "" };

browserStack((s) => ({ api, browser } = s));
beforeAll(async () => {
  t.v = await api.login(await demoPerson(api, "v-01"));
  t.r = await api.login(await demoPerson(api, "r-01"));
  t.r2 = await api.login(await demoPerson(api, "r-02"));
  t.admin = await api.login({ sub: "a-t1", role: "admin", name: "区管理员" });
});

const post = async (path: string, token: string, body?: unknown) => {
  const res = await api.request("POST", path, { token, ...(body !== undefined ? { body } : {}) });
  expect(res.status, `${path} ${res.text}`).toBeLessThan(300);
  return res.body;
};

describe("trust and safety in the browser", () => {
  it("我的预约 shows 确认完成 only once the service's time has come", async () => {
    // Prepare: an on-demand visit accepted (served from acceptance), an event three days ahead accepted
    const visit = await post("/api/listings", t.v, listingInput({ title: "上门理发" }));
    const event = await post(
      "/api/listings",
      t.v,
      eventInput({ title: "健康讲座", startsAt: new Date(Date.now() + 72 * HOUR).toISOString() }),
    );
    const now = await post(`/api/listings/${visit.id}/bookings`, t.r, { phone: "13900007001" });
    const later = await post(`/api/listings/${event.id}/bookings`, t.r, { phone: "13900007001" });
    await post(`/api/bookings/${now.id}/accept`, t.v);
    await post(`/api/bookings/${later.id}/accept`, t.v);
    const found: string[] = [];
    for (const elder of [false, true]) {
      const page = await browser.newPage({ elder });
      await uiLogin(page, api, "resident", "r-01", "/me/");
      await page.locator("#bookings .loading").waitFor({ state: "detached" });
      const card = (title: string) => page.locator("#bookings > li", { hasText: title });
      // Assess: the visit can be confirmed; the upcoming event cannot
      expect(await card("上门理发").getByRole("button", { name: "志愿者已服务，确认完成" }).count()).toBe(1);
      expect(
        await card("健康讲座")
          .getByRole("button", { name: /确认完成/ })
          .count(),
      ).toBe(0);
      expect(await card("健康讲座").textContent()).toContain("取消预约");
      await axeCheck(found, page, `${elder ? "elder" : "normal"} /me/`);
      if (elder) {
        expect(await smallControls(page, "#erase-account")).toEqual([]);
        await card("健康讲座").scrollIntoViewIfNeeded();
        await screenshot(page, "me-upcoming-elder");
      }
    }
    expect(found).toEqual([]);
  });

  it("tells the owner why an admin paused a service, offers no 上架, and shows late cancellations", async () => {
    const l = await post("/api/listings", t.v, listingInput({ title: "上门测血压" }));
    await post(`/api/admin/listings/${l.id}/pause`, t.admin, { reason: "请补充服务时间和地点" });
    // A resident who twice gave a seat back within 2 hours of the start, and books again
    for (let i = 0; i < 2; i++) {
      const soon = await post(
        "/api/listings",
        t.v,
        eventInput({ title: `广场舞 ${i}`, startsAt: new Date(Date.now() + HOUR).toISOString() }),
      );
      const b = await post(`/api/listings/${soon.id}/bookings`, t.r2, { phone: "13900007002" });
      await post(`/api/bookings/${b.id}/cancel`, t.r2);
    }
    const again = await post("/api/listings", t.v, listingInput({ title: "陪同就医" }));
    await post(`/api/listings/${again.id}/bookings`, t.r2, { phone: "13900007002" });
    await api.settle();
    const found: string[] = [];
    for (const elder of [false, true]) {
      const page = await browser.newPage({ elder });
      await uiLogin(page, api, "volunteer", "v-01", "/volunteer/");
      await page.locator("#mine .loading").waitFor({ state: "detached" });
      await page.locator("#inbox .loading").waitFor({ state: "detached" });
      const mine = page.locator(`#mine li[data-listing="${l.id}"]`);
      expect(await mine.locator(".admin-pause").textContent()).toBe(
        "区管理员已暂停这项服务，原因：请补充服务时间和地点。修改后请联系区管理员恢复上架。",
      );
      expect(await mine.getByRole("button", { name: "上架" }).count()).toBe(0);
      expect(await mine.getByRole("button", { name: "编辑" }).count()).toBe(1);
      const card = page.locator("#inbox li", { hasText: "陪同就医" });
      expect(await card.locator(".late-cancels").textContent()).toContain("有 2 次在开始前 2 小时内取消");
      for (const v of await axeViolations(page))
        found.push(`${elder ? "elder" : "normal"} /volunteer/: ${v}`);
      if (!elder) {
        await mine.scrollIntoViewIfNeeded();
        await screenshot(page, "volunteer-admin-pause");
      }
    }
    expect(found).toEqual([]);
  });

  it("lets an admin lift the pause from the moderation panel", async () => {
    const l = await post("/api/listings", t.v, listingInput({ title: "上门量血糖" }));
    await post(`/api/admin/listings/${l.id}/pause`, t.admin, { reason: "核实中" });
    expect((await api.request("GET", `/api/listings/${l.id}`)).status).toBe(404);
    const page = await browser.newPage();
    await page.goto(`${api.url}/login/`);
    await page.evaluate(
      ([k, v]) => localStorage.setItem(k as string, v as string),
      [TOKEN_STORAGE_KEY, t.admin],
    );
    await page.goto(`${api.url}/admin/`);
    await page.fill("#mod-id", l.id);
    await page.click("#mod-find button[type=submit]");
    await page.locator("#mod-result").waitFor();
    await page.click("#mod-resume");
    await expect.poll(() => page.textContent("#mod-msg")).toContain("服务已恢复上架");
    expect((await api.request("GET", `/api/listings/${l.id}`)).status).toBe(200);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("lets a community worker withdraw a registered resident from the console, in two presses", async () => {
    const worker = await api.login(await demoPerson(api, "s-01"));
    const reg = await post("/api/staff/residents", worker, {
      name: "褚玉珍",
      phone: "13900007004",
      consent: true,
    });
    const page = await browser.newPage({ elder: true });
    await uiLogin(page, api, "staff", "s-01", "/staff/");
    await page.fill("#find-q", "褚");
    await page.click("#find button[type=submit]");
    const row = page.locator(`#found li[data-resident="${reg.id}"]`);
    await row.waitFor();
    expect(await smallControls(page, `#found li[data-resident="${reg.id}"] button`)).toEqual([]);
    await row.getByRole("button", { name: "撤销登记" }).click();
    await row.getByRole("button", { name: "确定删除 TA 的信息？再按一次" }).click();
    await expect.poll(() => row.textContent()).toContain("已撤销登记");
    expect(await axeViolations(page)).toEqual([]);
    const found = (await api.request("GET", "/api/staff/residents?q=褚", { token: worker })).body.items;
    expect(found).toEqual([]);
  });

  it("lets a resident erase her account from 我的预约, in two presses", async () => {
    const person = { sub: "r-erase-ui", role: "resident" as const, name: "冯秀英" };
    const token = await api.login(person);
    const l = await post("/api/listings", t.v, listingInput({ title: "修收音机" }));
    await post(`/api/listings/${l.id}/bookings`, token, { phone: "13900007003", address: "长乐社区9幢" });
    const page = await browser.newPage({ elder: true });
    await page.goto(`${api.url}/login/`);
    await page.evaluate(
      ([k, v]) => localStorage.setItem(k as string, v as string),
      [TOKEN_STORAGE_KEY, token],
    );
    await page.goto(`${api.url}/me/`);
    await page.locator("#bookings .loading").waitFor({ state: "detached" });
    const button = page.locator("#erase-account");
    expect(await button.textContent()).toBe("注销我的账号");
    await button.click();
    await expect.poll(() => button.textContent()).toBe("确定注销？再按一次");
    await page.getByRole("button", { name: "确定注销？再按一次" }).click();
    await expect.poll(() => page.textContent("#erase-section")).toContain("您的个人信息已经删除");
    expect(await page.evaluate((k) => localStorage.getItem(k), TOKEN_STORAGE_KEY)).toBeNull();
    expect(await page.textContent("#nav-account")).toBe("登录");
    expect(await axeViolations(page)).toEqual([]);
    expect(await smallControls(page, "#erase-section .btn")).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "me-erased-elder");
    // What the volunteer now sees of that booking: no name, no phone
    const seen = (await api.request("GET", "/api/volunteer/bookings", { token: t.v })).body.items.find(
      (b: { listingId: string }) => b.listingId === l.id,
    );
    expect(seen).toMatchObject({ residentName: "已注销用户", phone: "", status: "cancelled" });
  });
});
