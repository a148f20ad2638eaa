/**
 * Listing photos in a real Chromium on a 360 × 780 phone page, against the real local
 * server, DynamoDB Local and the local S3: a volunteer adds a sideways JPEG that
 * carries a GPS tag from the console (a file input, as the phone's camera or album
 * gives it); it shows upright on the service page; the served WebP holds no EXIF or
 * XMP chunk and is at most 480 px wide; a 9 MB file and a `.exe` renamed `.jpg` are
 * refused with a clear message. Cards show the thumb without shifting anything (the first
 * screen's at once, the others lazily); the
 * service page and the shop show the volunteer's face; axe-core clean in both modes.
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import type { TestApi } from "../support/api.ts";
import { axeViolations, type TestBrowser } from "../support/browser.ts";
import { listingInput } from "../support/builders.ts";
import { fakeExe, pixelAt, postToS3, sidewaysJpegWithGps, webpChunks } from "../support/photos.ts";
import { browserStack, type DemoPerson, demoPerson, uiLogin } from "../support/ui.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const SHOTS = resolve(ROOT, "docs/screenshots");

let api: TestApi;
let browser: TestBrowser;
let volunteer: Page;
let vPerson: DemoPerson;
let vToken: string;
let listing: { id: string; title: string };

browserStack((s) => ({ api, browser } = s), { photos: true });
beforeAll(async () => {
  vPerson = await demoPerson(api, "v-01");
  vToken = await api.login(vPerson);
  const res = await api.request("POST", "/api/listings", {
    token: vToken,
    body: listingInput({ title: "义务理发（上门）", mode: "door" }),
  });
  listing = res.body;
  volunteer = await browser.newPage();
  await uiLogin(volunteer, api, "volunteer", vPerson.sub, "/volunteer/");
  mkdirSync(SHOTS, { recursive: true });
});

const item = () => volunteer.locator(`#mine li[data-listing="${listing.id}"]`);
const pick = (name: string, mimeType: string, buffer: Buffer) =>
  item().locator(`#photo-file-${listing.id}`).setInputFiles({ name, mimeType, buffer });

async function openConsole() {
  await volunteer.goto(`${api.url}/volunteer/`);
  await volunteer.locator("#mine .loading").waitFor({ state: "detached" });
}

describe("photos from the console to the shop window", () => {
  it("a sideways JPEG with a GPS tag goes up from the console and shows upright, stripped, on the service page", async () => {
    // Prepare
    await openConsole();
    const jpeg = await sidewaysJpegWithGps();
    // Act
    await pick("IMG_0001.jpg", "image/jpeg", jpeg);
    await item().locator("progress").waitFor({ state: "attached" });
    await volunteer.locator("#msg").getByText("照片已经放好了").waitFor({ timeout: 60_000 });
    // Assess: in the console, with its alt text defaulting to the title
    await item().locator(".photo-item img").waitFor();
    expect(await item().locator(".photo-item input").inputValue()).toBe(listing.title);
    await volunteer.screenshot({ path: resolve(SHOTS, "photos-console.png"), fullPage: true });
    // On the service page: the full photo, upright (taller than wide, red on top)
    const resident = await browser.newPage();
    await resident.goto(`${api.url}/service/?id=${listing.id}`);
    const img = resident.locator("#gallery img").first();
    await img.waitFor();
    await resident.waitForFunction(() => {
      const i = document.querySelector<HTMLImageElement>("#gallery img");
      return i?.complete && i.naturalWidth > 0;
    });
    // A phone picks the medium rendition; its bytes are upright (200 × 300 as taken, not 300 × 200).
    const shown = (await api.request("GET", `/api/listings/${listing.id}`)).body.photos[0];
    const current = await img.evaluate((i: HTMLImageElement) => new URL(i.currentSrc).pathname);
    expect(current).toBe(shown.medium);
    const medium = Buffer.from(await (await fetch(`${api.url}${current}`)).arrayBuffer());
    const seen = await sharp(medium).metadata();
    expect([seen.width, seen.height]).toEqual([200, 300]);
    expect(await img.getAttribute("alt")).toBe(listing.title);
    await resident.screenshot({ path: resolve(SHOTS, "photos-service.png"), fullPage: true });
    // The served files: WebP, no EXIF/XMP chunk, the thumb ≤ 480 px wide and upright too
    const src = await img.getAttribute("src");
    const full = Buffer.from(await (await fetch(`${api.url}${src}`)).arrayBuffer());
    const thumb = Buffer.from(await (await fetch(`${api.url}${shown.thumb}`)).arrayBuffer());
    for (const file of [full, medium, thumb]) {
      const chunks = webpChunks(file).map((c) => c.fourCC);
      expect(chunks).not.toContain("EXIF");
      expect(chunks).not.toContain("XMP ");
      expect(file.includes(Buffer.from("TestPhone"))).toBe(false);
    }
    expect((await sharp(thumb).metadata()).width).toBeLessThanOrEqual(480);
    expect((await pixelAt(thumb, 460, 20)).r).toBeGreaterThan(200);
    expect((await pixelAt(full, 100, 20)).r).toBeGreaterThan(200);
    expect((await pixelAt(full, 100, 280)).b).toBeGreaterThan(200);
    expect(await axeViolations(resident)).toEqual([]);
  });

  it("a 9 MB file and a .exe renamed .jpg are refused with a clear message, and nothing is sent", async () => {
    // Prepare
    await openConsole();
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(9 * 1024 * 1024)]);
    // Act
    await pick("big.jpg", "image/jpeg", big);
    const bigMsg = await item().locator(".photo-msg").textContent();
    await pick("photo.jpg", "image/jpeg", fakeExe());
    await item().locator(".photo-msg").getByText("不是照片").waitFor();
    const exeMsg = await item().locator(".photo-msg").textContent();
    // Assess
    expect(bigMsg).toContain("超过了 8.0 MB");
    expect(exeMsg).toContain("这个文件不是照片");
    expect((await api.request("GET", `/api/listings/${listing.id}`)).body.photos).toHaveLength(1);
  });

  it("a .exe that gets past the browser is refused by the processing and the volunteer told", async () => {
    // Prepare: what a client that skips the console's check would send
    const asked = await api.request("POST", `/api/listings/${listing.id}/photos`, {
      token: vToken,
      body: { contentType: "image/jpeg", bytes: 4096 },
    });
    // Act
    expect((await postToS3(asked.body.upload, fakeExe(), "image/jpeg")).status).toBe(204);
    await api.photosProcessed();
    await volunteer.goto(`${api.url}/me/`);
    // Assess
    const notes = (await api.request("GET", "/api/me/notifications", { token: vToken })).body.items;
    expect(notes.some((n: { text: string }) => n.text.includes("不是照片"))).toBe(true);
    expect((await api.request("GET", `/api/listings/${listing.id}`)).body.photos).toHaveLength(1);
  });

  it("cards show the thumb, sized before it loads: nothing shifts on the category page; 长辈模式 controls ≥ 60 px, axe-clean", async () => {
    // Prepare: 11 more photographed listings
    for (let i = 0; i < 11; i++) {
      const l = await api.request("POST", "/api/listings", { token: vToken, body: listingInput() });
      const file = await sharp({
        create: {
          width: 1200,
          height: 900,
          channels: 3,
          background: { r: 30 + i * 20, g: 120, b: 200 - i * 15 },
        },
      })
        .jpeg()
        .toBuffer();
      const asked = await api.request("POST", `/api/listings/${l.body.id}/photos`, {
        token: vToken,
        body: { contentType: "image/jpeg", bytes: file.length },
      });
      await postToS3(asked.body.upload, file, "image/jpeg");
    }
    await api.photosProcessed();
    const listed = await api.request("GET", "/api/listings?category=convenience&limit=12");
    expect(listed.body.items.filter((l: { photos: unknown[] }) => l.photos.length)).toHaveLength(12);
    const page = await browser.newPage();
    await page.addInitScript(() => {
      (window as unknown as { __cls: number }).__cls = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[])
          if (!e.hadRecentInput) (window as unknown as { __cls: number }).__cls += e.value;
      }).observe({ type: "layout-shift", buffered: true });
    });
    // Act
    await page.goto(`${api.url}/category/convenience/`);
    await page.locator(".card-pic img").first().waitFor();
    await page.waitForLoadState("networkidle");
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(500);
    await page.evaluate(() => window.scrollTo(0, 0));
    // Assess
    const imgs = await page.locator(".card-pic img").evaluateAll((els) =>
      els.map((e) => ({
        lazy: e.getAttribute("loading"),
        priority: e.getAttribute("fetchpriority"),
        w: e.getAttribute("width"),
        h: e.getAttribute("height"),
      })),
    );
    expect(imgs.length).toBe(12);
    expect(imgs.every((i) => i.w === "480" && i.h === "360")).toBe(true);
    // The first screen's two (the page's largest paint) load at once and first; the rest lazily.
    expect(imgs.map((i) => [i.lazy, i.priority])).toEqual([
      [null, "high"],
      [null, "high"],
      ...Array.from({ length: 10 }, () => ["lazy", null]),
    ]);
    expect(await page.evaluate(() => (window as unknown as { __cls: number }).__cls)).toBeLessThanOrEqual(
      0.05,
    );
    await page.screenshot({ path: resolve(SHOTS, "photos-category.png") });
    expect(await axeViolations(page)).toEqual([]);
    const elder = await browser.newPage({ elder: true });
    await uiLogin(elder, api, "volunteer", vPerson.sub, "/volunteer/");
    await elder.locator("#mine .loading").waitFor({ state: "detached" });
    const box = await elder.locator(`label[for="photo-file-${listing.id}"]`).boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(60);
    expect(box?.width).toBeGreaterThanOrEqual(60);
    expect(await axeViolations(elder)).toEqual([]);
    expect(await axeViolations(volunteer)).toEqual([]);
  });

  it("the volunteer sets a face in the console; the service page and the shop show it", async () => {
    // Prepare
    await openConsole();
    const face = await sharp({ create: { width: 600, height: 600, channels: 3, background: "#e8743b" } })
      .jpeg()
      .toBuffer();
    // Act
    await volunteer
      .locator("#face-file")
      .setInputFiles({ name: "me.jpg", mimeType: "image/jpeg", buffer: face });
    await volunteer
      .locator("#face-picker .photo-msg")
      .getByText("照片已经放好了")
      .waitFor({ timeout: 60_000 });
    // Assess
    await volunteer.locator("#my-face img").waitFor();
    const page = await browser.newPage();
    await page.goto(`${api.url}/service/?id=${listing.id}`);
    await page.locator("#vol-face img").waitFor();
    expect(await page.locator("#vol-face img").getAttribute("alt")).toBe(`${vPerson.name}的照片`);
    await page.goto(`${api.url}/shop/?id=${vPerson.sub}`);
    await page.locator("#face img").waitFor();
    await page.screenshot({ path: resolve(SHOTS, "photos-shop.png") });
    expect(await axeViolations(page)).toEqual([]);
    // 长辈模式: the service page with its gallery and the face, axe-clean too.
    const elder = await browser.newPage({ elder: true });
    await elder.goto(`${api.url}/service/?id=${listing.id}`);
    await elder.locator("#gallery img").first().waitFor();
    await elder.locator("#vol-face img").waitFor();
    await elder.screenshot({ path: resolve(SHOTS, "photos-service-elder.png") });
    expect(await axeViolations(elder)).toEqual([]);
  });
});
