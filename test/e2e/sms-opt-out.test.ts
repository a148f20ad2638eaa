/**
 * 退订短信 (/sms/) in a real browser against the local stack: the owner of a number
 * that 网淘 texts types it, reads the code off the phone (the local outbox), types it,
 * and is told the number is opted out — after which a booking accepted for that
 * number is not texted. axe-core clean in both modes; in 长辈模式 every control is at
 * least 60 × 60 px.
 */
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { transition } from "../../functions/domain/bookings/transition.ts";
import { localDay, zonedInstant } from "../../shared/clock.ts";
import type { TestApi } from "../support/api.ts";
import { axeViolations, smallControls, type TestBrowser } from "../support/browser.ts";
import { listingInput, volunteer } from "../support/builders.ts";
import { browserStack, screenshot } from "../support/ui.ts";

const ROOT = resolve(import.meta.dirname, "../..");
let api: TestApi;
let browser: TestBrowser;
const PHONE = "13712340077";

browserStack((s) => ({ api, browser } = s), { staticDir: resolve(ROOT, "web/dist") });

describe("退订短信", () => {
  it("proves the number with a code and stops every text to it", async () => {
    const page = await browser.newPage({ elder: true });
    await page.goto(`${api.url}/sms/`);
    expect(await axeViolations(page)).toEqual([]);
    expect(await smallControls(page, "main button:not([hidden]), main input")).toEqual([]);
    await page.fill("#phone", PHONE);
    await page.click("#ask button");
    await page.waitForSelector("#step-confirm:not([hidden])");
    expect(await page.textContent("#msg")).toContain("验证码已发到");
    const outbox = await api.request("GET", `/api/dev/outbox?to=${PHONE}`);
    const code = /验证码(\d{6})/.exec(outbox.body.items[0].text)?.[1] ?? "";
    await page.fill("#code", "000000" === code ? "111111" : "000000");
    await page.click("#confirm button");
    await page.waitForFunction(() => document.querySelector("#msg")?.textContent?.includes("不正确"));
    expect(await page.textContent("#msg")).toContain("验证码不正确");
    await page.fill("#code", code);
    await page.click("#confirm button");
    await page.waitForFunction(() => document.querySelector("#msg")?.textContent?.includes("已退订"));
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "sms-opt-out-elder");

    // A booking for that number, by an account whose verified phone it is, gets no text.
    const v = await api.login(volunteer(1));
    const l = await api.request("POST", "/api/listings", { token: v, body: listingInput() });
    const r = await api.login({
      sub: "r-optout",
      role: "resident",
      name: "居民",
      phone: PHONE,
      phoneVerified: true,
    });
    const b = await api.request("POST", `/api/listings/${l.body.id}/bookings`, {
      token: r,
      body: { phone: PHONE },
    });
    expect(b.status, b.text).toBe(201);
    const ten = zonedInstant(localDay(new Date()), "10:00");
    const at = ten.getTime() > Date.now() ? new Date(ten.getTime() - 86_400_000) : ten;
    await transition(
      { id: volunteer(1).sub, name: "志愿者1", role: "volunteer" },
      b.body.id,
      { action: "accept" },
      at,
    );
    await api.settle();
    const texts = await api.request("GET", `/api/dev/outbox?to=${PHONE}`);
    expect(texts.body.items.find((t: { kind: string }) => t.kind === "accepted")?.status).toBe("off");
  });

  it("is axe-clean in the standard mode too", async () => {
    const page = await browser.newPage();
    await page.goto(`${api.url}/sms/`);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "sms-opt-out");
  });
});
