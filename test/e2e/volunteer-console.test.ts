/**
 * The volunteer console (志愿者工作台) in a real Chromium on a phone-sized page,
 * against the real local server and DynamoDB Local: a volunteer publishes, edits,
 * pauses and closes a service; answers requests (婉拒 with a reason, 接受 and the
 * audited contact reveal); replies to a review; prints the QR posters. The resident
 * side is set up through the API where the browser adds nothing; axe-core on every
 * console view visited and on the posters.
 */
import type { Page } from "playwright-core";
import { encode } from "uqr";
import { beforeAll, describe, expect, it } from "vitest";
import type { TestApi } from "../support/api.ts";
import { axeCheck, type TestBrowser } from "../support/browser.ts";
import { listingInput } from "../support/builders.ts";
import { browserStack, type DemoPerson, demoPerson, uiLogin } from "../support/ui.ts";

let api: TestApi;
let browser: TestBrowser;
let volunteer: Page;
let resident: Page;
let vToken: string;
let aToken: string;
let vPerson: DemoPerson;
let rPerson: DemoPerson;
let rToken: string;
async function createListing(overrides: Record<string, unknown> = {}) {
  const res = await api.request("POST", "/api/listings", { token: vToken, body: listingInput(overrides) });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; title: string };
}

async function join(listingId: string, token: string, phone: string) {
  const res = await api.request("POST", `/api/listings/${listingId}/bookings`, {
    token,
    body: { phone, address: "大关西苑 3 幢 2 单元 501", preferredTime: "周六上午" },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; completionCode: string };
}

async function act(bookingId: string, action: string, token: string, body?: unknown) {
  const res = await api.request("POST", `/api/bookings/${bookingId}/${action}`, {
    token,
    ...(body !== undefined ? { body } : {}),
  });
  expect(res.status, res.text).toBeLessThan(300);
  return res.body;
}

/** The console, freshly loaded, with both lists past their loading line. */
async function openConsole() {
  await volunteer.goto(`${api.url}/volunteer/`);
  await volunteer.locator("#inbox .loading").waitFor({ state: "detached" });
  await volunteer.locator("#mine .loading").waitFor({ state: "detached" });
}

const msg = () => volunteer.textContent("#msg");

browserStack((s) => ({ api, browser } = s));
beforeAll(async () => {
  vPerson = await demoPerson(api, "v-01");
  rPerson = await demoPerson(api, "r-01");
  vToken = await api.login(vPerson);
  rToken = await api.login(rPerson);
  aToken = await api.login({ sub: "a-t1", role: "admin", name: "区管理员" });
  volunteer = await browser.newPage();
  resident = await browser.newPage();
  await uiLogin(volunteer, api, "volunteer", vPerson.sub, "/volunteer/");
});

describe("volunteer console", () => {
  it("publishes a service with a live preview, edits it, pauses it (gone from the public page) and closes it", async () => {
    const axe: string[] = [];
    // Prepare
    await volunteer.locator("#console").waitFor();
    await volunteer.locator("#mine .loading").waitFor({ state: "detached" });
    expect(await volunteer.textContent("#mine")).toContain("还没有发布服务");
    await axeCheck(axe, volunteer, "/volunteer/ (empty)");

    // Act: type the title; the preview follows keystroke by keystroke
    await volunteer.locator("#f-title").pressSequentially("上门修");
    await expect.poll(() => volunteer.textContent("#preview .card-title")).toBe("上门修");
    await volunteer.locator("#f-title").pressSequentially("剪指甲");
    await expect.poll(() => volunteer.textContent("#preview .card-title")).toBe("上门修剪指甲");
    await volunteer.selectOption("#f-category", "health");
    await volunteer.selectOption("#f-mode", "door");
    await volunteer.fill("#f-capacity", "2");
    await volunteer.fill("#f-desc", "为行动不便的老人上门修剪指甲，自带工具。");
    expect(await volunteer.textContent("#preview")).toContain("上门");
    await volunteer.getByRole("button", { name: "发布", exact: true }).click();

    // Assess: published, listed as 已上架, form back to empty
    await expect.poll(msg, { timeout: 10_000 }).toContain("已发布：上门修剪指甲");
    const mine = volunteer.locator("#mine li[data-listing]", { hasText: "上门修剪指甲" });
    await mine.waitFor();
    expect(await mine.textContent()).toContain("已上架");
    expect(await mine.textContent()).toContain("已报名 0/2");
    expect(await volunteer.inputValue("#f-title")).toBe("");
    const id = (await mine.getAttribute("data-listing")) as string;

    // Act: edit title and capacity
    await mine.getByRole("button", { name: "编辑" }).click();
    expect(await volunteer.textContent("#edit-h")).toBe("编辑服务");
    expect(await volunteer.inputValue("#f-title")).toBe("上门修剪指甲");
    expect(await volunteer.inputValue("#f-capacity")).toBe("2");
    await axeCheck(axe, volunteer, "/volunteer/ (editing)");
    await volunteer.fill("#f-title", "上门修剪指甲（周末）");
    await volunteer.fill("#f-capacity", "5");
    await expect.poll(() => volunteer.textContent("#preview .card-title")).toBe("上门修剪指甲（周末）");
    await volunteer.getByRole("button", { name: "保存" }).click();

    // Assess: the console and the public page show the change
    await expect.poll(msg).toContain("已保存：上门修剪指甲（周末）");
    const edited = volunteer.locator(`#mine li[data-listing="${id}"]`);
    await expect.poll(() => edited.textContent()).toContain("已报名 0/5");
    expect(await edited.textContent()).toContain("上门修剪指甲（周末）");
    expect(await volunteer.textContent("#edit-h")).toBe("发布新服务");
    await resident.goto(`${api.url}/service/?id=${id}`);
    await expect.poll(() => resident.textContent("#title")).toBe("上门修剪指甲（周末）");
    expect(await resident.textContent("#seats-line")).toContain("可同时接待 5 户");

    // Act: pause
    await edited.getByRole("button", { name: "暂停" }).click();
    await expect.poll(msg).toContain("已暂停");
    await expect.poll(() => edited.textContent()).toContain("已暂停");

    // Assess: gone from the public page
    await resident.reload();
    await expect.poll(() => resident.textContent("#state")).toContain("没有找到这项服务，可能已下架。");
    expect(await resident.isHidden("#service")).toBe(true);
    await axeCheck(axe, resident, "/service/ (paused)");

    // Act: close (asks once more)
    const close = edited.getByRole("button", { name: "结束服务" });
    await close.click();
    await edited.getByRole("button", { name: "确定结束？再点一次" }).click();

    // Assess: closed, nothing left to edit
    await expect.poll(msg).toContain("已结束");
    await expect.poll(() => edited.textContent()).toContain("已结束");
    expect(await edited.getByRole("button").count()).toBe(0);
    await axeCheck(axe, volunteer, "/volunteer/ (closed)");
    expect(axe).toEqual([]);
  });

  it("declines one request with a reason, accepts another and reveals its contact (audited)", async () => {
    const axe: string[] = [];
    // Prepare: two residents join
    const l = await createListing({ title: "陪同就医", mode: "door", capacity: 3 });
    const declined = await join(l.id, rToken, "13811112222");
    const otherToken = await api.login({ sub: "r-t2", role: "resident", name: "李阿姨" });
    const accepted = await join(l.id, otherToken, "13933334444");

    // Act: 婉拒 asks for a reason before it declines
    await openConsole();
    const first = volunteer.locator(`#inbox li[data-booking="${declined.id}"]`);
    expect(await first.textContent()).toContain("等待志愿者确认");
    await first.getByRole("button", { name: "婉拒" }).click();
    await first.getByRole("button", { name: "确认婉拒" }).click();
    // Each outcome shows on the card, beside the button pressed
    const beside = (id: string) => () => volunteer.textContent(`[data-outcome="${id}"]`);
    await expect.poll(beside(declined.id)).toContain("请写一句婉拒原因");
    await first.getByLabel("婉拒原因").fill("这周外出，下周可以");
    await axeCheck(axe, volunteer, "/volunteer/ (declining)");
    await first.getByRole("button", { name: "确认婉拒" }).click();

    // Assess: declined in the inbox, and the resident reads the reason on 我的预约
    await expect.poll(beside(declined.id)).toContain("已婉拒");
    await expect.poll(() => first.textContent()).toContain("志愿者已婉拒");
    await uiLogin(resident, api, "resident", rPerson.sub, "/me/");
    // Ended, so folded under 以前的预约
    await resident.locator("#past-box:not([hidden]) summary").click();
    const mine = resident.locator(`li[data-booking="${declined.id}"]`);
    await mine.waitFor();
    expect(await mine.textContent()).toContain("志愿者已婉拒");
    expect(await mine.textContent()).toContain("这周外出，下周可以");

    // Act: accept the other request
    const second = volunteer.locator(`#inbox li[data-booking="${accepted.id}"]`);
    expect(await second.textContent()).toContain("****4444");
    await second.getByRole("button", { name: "接受" }).click();
    await expect.poll(beside(accepted.id)).toContain("已接单：陪同就医");
    await expect.poll(() => second.textContent()).toContain("志愿者已接单");
    // The list itself keeps the number masked: seeing it is a deliberate, audited act.
    expect(await second.textContent()).not.toContain("13933334444");

    // Act: reveal the contact
    await second.getByRole("button", { name: "查看联系方式" }).click();

    // Assess: the full number, and the admin audit lists the reveal
    await expect.poll(() => second.locator(".contact").textContent()).toContain("联系电话：13933334444");
    expect(await second.locator(".contact").textContent()).toContain("大关西苑 3 幢 2 单元 501");
    await axeCheck(axe, volunteer, "/volunteer/ (contact revealed)");
    await api.settle();
    const audit = await api.request("GET", "/api/admin/contact-reads", { token: aToken });
    expect(audit.status, audit.text).toBe(200);
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({ bookingId: accepted.id, volunteerId: vPerson.sub, via: "reveal" }),
    );
    expect(audit.body.items.some((r: { bookingId: string }) => r.bookingId === declined.id)).toBe(false);
    expect(axe).toEqual([]);
  });

  it("replies to a review, and the reply shows under it on the public service page", async () => {
    const axe: string[] = [];
    // Prepare: a completed, reviewed booking
    const l = await createListing({ title: "义务磨刀", mode: "venue" });
    const token = await api.login({ sub: "r-t3", role: "resident", name: "张大爷" });
    const b = await join(l.id, token, "13855556666");
    await act(b.id, "accept", vToken);
    await act(b.id, "complete", vToken, { hours: 1, code: b.completionCode });
    await act(b.id, "review", token, { stars: 4, comment: "刀磨得很快" });
    await api.settle(); // the listing's ratingCount (which shows its reviews) comes from the stream

    // Act
    await openConsole();
    const item = volunteer.locator(`#mine li[data-listing="${l.id}"]`);
    await item.getByText("刀磨得很快").waitFor();
    await item.getByLabel("回复这条评价").fill("谢谢张大爷，下周六还在");
    await axeCheck(axe, volunteer, "/volunteer/ (replying)");
    await item.getByRole("button", { name: "发送回复" }).click();

    // Assess: the console shows it as sent; the public page shows it under the review
    await expect.poll(msg).toContain("已回复");
    await expect.poll(() => item.textContent()).toContain("我的回复：谢谢张大爷，下周六还在");
    expect(await item.getByLabel("回复这条评价").count()).toBe(0);
    await resident.goto(`${api.url}/service/?id=${l.id}`);
    const review = resident.locator("#reviews li", { hasText: "刀磨得很快" });
    await review.waitFor();
    expect(await review.locator(".reply").textContent()).toBe("志愿者回复：谢谢张大爷，下周六还在");
    expect(axe).toEqual([]);
  });

  it("prints a QR poster for a service and for the shop, each pointing at its page", async () => {
    const axe: string[] = [];
    // Prepare
    const l = await createListing({ title: "手机使用教学" });
    const cases = [
      { path: `/poster/?service=${l.id}`, title: "手机使用教学", target: `${api.url}/service/?id=${l.id}` },
      {
        path: `/poster/?shop=${vPerson.sub}`,
        title: `${vPerson.name}的志愿服务小店`,
        target: `${api.url}/shop/?id=${vPerson.sub}`,
      },
    ];
    for (const c of cases) {
      // Act
      await resident.goto(`${api.url}${c.path}`);
      await resident.locator("#poster").waitFor();

      // Assess: title, the link as text, and a QR code that encodes exactly that link
      expect(await resident.textContent("#p-title"), c.path).toBe(c.title);
      expect(await resident.textContent("#p-url"), c.path).toBe(c.target);
      const qr = resident.locator("#qr svg[role=img]");
      expect(await qr.getAttribute("aria-label"), c.path).toContain(c.title);
      const drawn = await qr.evaluate((svg) => ({
        size: Number(svg.getAttribute("viewBox")?.split(" ")[2]),
        cells: [...(svg.querySelector("path")?.getAttribute("d") ?? "").matchAll(/M(\d+) (\d+)/g)].map(
          (m) => `${m[1]},${m[2]}`,
        ),
      }));
      const { data, size } = encode(c.target, { ecc: "M", border: 2 });
      const expected = data.flatMap((row, y) => row.flatMap((on, x) => (on ? [`${x},${y}`] : [])));
      expect(drawn.size, c.path).toBe(size);
      expect(new Set(drawn.cells), c.path).toEqual(new Set(expected));
      expect(await resident.getAttribute("#back", "href"), c.path).toBe(c.target.slice(api.url.length));
      await axeCheck(axe, resident, c.path);
    }

    // A poster for a service that is not there says so.
    await resident.goto(`${api.url}/poster/?service=no-such-service`);
    await expect.poll(() => resident.textContent("#state")).toContain("海报生成失败");
    await axeCheck(axe, resident, "/poster/ (no such service)");
    expect(axe).toEqual([]);
  });
});
