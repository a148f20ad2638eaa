/**
 * 为家人预约 with the family member's phone proven (API.md v1.2 "Trust and safety"):
 * a resident books for her mother, sends a code to her mother's phone from the join
 * form, types the code her mother reads out (the local outbox), and books; when the
 * volunteer accepts, the text goes to the mother's phone. A wrong code is refused in
 * plain words. In 长辈模式 every control is at least 60 × 60 px; axe-clean.
 */
import { describe, expect, it } from "vitest";
import { transition } from "../../functions/domain/bookings/transition.ts";
import { localDay, zonedInstant } from "../../shared/clock.ts";
import type { TestApi } from "../support/api.ts";
import { axeViolations, smallControls, type TestBrowser } from "../support/browser.ts";
import { listingInput } from "../support/builders.ts";
import { browserStack, demoPerson, screenshot } from "../support/ui.ts";

let api: TestApi;
let browser: TestBrowser;
const MUM = "13712340188";

browserStack((s) => ({ api, browser } = s));

describe("为家人预约, the family phone proven", () => {
  it("sends a code to mum's phone, takes the code she reads out, and her phone gets the texts", async () => {
    // Prepare: a service, and the resident signed in on its page with the form open
    const v = await demoPerson(api, "v-01");
    const created = await api.request("POST", "/api/listings", {
      token: await api.login(v),
      body: listingInput({ title: "上门量血压（家人）", category: "health", mode: "door" }),
    });
    expect(created.status, created.text).toBe(201);
    const page = await browser.newPage({ elder: true });
    await page.goto(`${api.url}/service/?id=${created.body.id}`);
    await page.getByRole("button", { name: "加入该项目" }).click();
    await page.waitForURL(/\/login\//);
    await page.click('button[data-sub="r-01"]');
    await page.waitForURL(/\/service\/\?id=.*join=1/);
    await page.locator("#join-form:not([hidden])").waitFor();

    // Act: for mum, her phone, a code to it; a wrong code first, then hers
    await page.check("#for-family");
    await page.fill("#family-name", "王阿姨");
    await page.fill("#phone", MUM);
    await page.click("#family-send");
    await page.locator("#family-code-box:not([hidden])").waitFor();
    expect(await page.textContent("#family-proof-msg")).toContain("尾号 0188 的手机");
    expect(await smallControls(page, "#join-form button:not([hidden]), #join-form input")).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    const sent = await api.request("GET", `/api/dev/outbox?to=${MUM}`);
    const code = /验证码(\d{6})/.exec(sent.body.items[0].text)?.[1] ?? "";
    expect(code).toMatch(/^\d{6}$/);
    await page.fill("#family-code", code === "000000" ? "111111" : "000000");
    await page.click("#family-verify");
    await expect.poll(() => page.textContent("#family-proof-msg")).toContain("验证码不正确");
    await page.fill("#family-code", code);
    await page.click("#family-verify");
    await expect.poll(() => page.textContent("#family-proof-msg")).toContain("已验证");
    await screenshot(page, "family-phone-proven-elder");
    await page.fill("#address", "和睦新村 5 幢 102 室");
    await page.click("#submit");

    // Assess: booked; when the volunteer accepts, mum's phone is texted
    await expect.poll(() => page.textContent("#result")).toContain("预约成功");
    const mine = await api.request("GET", "/api/me/bookings", {
      token: await api.login(await demoPerson(api, "r-01")),
    });
    const booking = mine.body.items.find((b: { listingId: string }) => b.listingId === created.body.id);
    expect(booking?.note).toContain("为家人预约：王阿姨");
    const ten = zonedInstant(localDay(new Date()), "10:00");
    const at = ten.getTime() > Date.now() ? new Date(ten.getTime() - 86_400_000) : ten;
    await transition({ id: v.sub, name: v.name, role: "volunteer" }, booking.id, { action: "accept" }, at);
    await api.settle();
    const texts = await api.request("GET", `/api/dev/outbox?to=${MUM}`);
    const accepted = texts.body.items.find((t: { kind: string }) => t.kind === "accepted");
    expect(accepted, JSON.stringify(texts.body.items)).toBeDefined();
    expect(accepted.status).not.toBe("off");
  });

  it("is axe-clean in the standard mode, the proof step open", async () => {
    const page = await browser.newPage();
    const created = await api.request("POST", "/api/listings", {
      token: await api.login(await demoPerson(api, "v-01")),
      body: listingInput(),
    });
    await page.goto(`${api.url}/service/?id=${created.body.id}`);
    await page.getByRole("button", { name: "加入该项目" }).click();
    await page.waitForURL(/\/login\//);
    await page.click('button[data-sub="r-01"]');
    await page.locator("#join-form:not([hidden])").waitFor();
    await page.check("#for-family");
    await page.locator("#family-proof:not([hidden])").waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
