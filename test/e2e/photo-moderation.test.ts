/**
 * An admin hides a photo from the dashboard's 内容管理, in a real Chromium on a 360 × 780
 * phone page, against the real local server, DynamoDB Local and the local S3: she finds
 * the listing, sees its photos and its volunteer's face, presses 隐藏 on one (by keyboard),
 * writes the reason (required), confirms; the photo leaves the panel, the service page,
 * the category page and the bucket, and the volunteer reads why in 我的消息. In 长辈模式
 * the controls are ≥ 60 × 60 px and she hides the face; axe-core clean in both modes.
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import type { Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type TestApi } from "../support/api.ts";
import { axeViolations, launchBrowser, type TestBrowser } from "../support/browser.ts";
import { listingInput } from "../support/builders.ts";
import { postToS3 } from "../support/photos.ts";
import { type DemoPerson, demoPerson, uiLogin } from "../support/ui.ts";

const SHOTS = resolve(import.meta.dirname, "../../docs/screenshots");
const REASON = "照片里能看到邻居家的门牌号，为了大家的安全先隐藏了，换一张就好";

let api: TestApi;
let browser: TestBrowser;
let vPerson: DemoPerson;
let vToken: string;
let listing: { id: string; title: string };

/** A plain-coloured phone photo, uploaded the way the console does (presigned POST to the local S3). */
async function upload(path: string, colour: string): Promise<string> {
  const file = await sharp({ create: { width: 1200, height: 900, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();
  const asked = await api.request("POST", path, {
    token: vToken,
    body: { contentType: "image/jpeg", bytes: file.length },
  });
  expect((await postToS3(asked.body.upload, file, "image/jpeg")).status).toBe(204);
  await api.photosProcessed();
  return asked.body.photoId as string;
}

/** The keys the bucket holds under a photo's processed prefix. */
async function objectsOf(photoId: string): Promise<string[]> {
  const { s3, photosBucket } = await import("../../functions/lib/s3.ts");
  const res = await s3.send(
    new ListObjectsV2Command({ Bucket: photosBucket(), Prefix: `photos/${photoId}/` }),
  );
  return (res.Contents ?? []).map((o) => o.Key ?? "");
}

const getListing = async () => (await api.request("GET", `/api/listings/${listing.id}`)).body;

async function openModeration(page: Page) {
  await page.fill("#mod-id", `${api.url}/service/?id=${listing.id}`);
  await page.click('#mod-find button[type="submit"]');
  await page.waitForSelector("#mod-result:not([hidden])");
  await page.locator("#mod-photos li[data-photo]").first().waitFor();
}

beforeAll(async () => {
  api = await startApi({ photos: true });
  vPerson = await demoPerson(api, "v-01");
  vToken = await api.login(vPerson);
  const res = await api.request("POST", "/api/listings", {
    token: vToken,
    body: listingInput({ title: "义务理发（上门）", category: "convenience", mode: "door" }),
  });
  listing = res.body;
  await upload(`/api/listings/${listing.id}/photos`, "#d9534f");
  await upload(`/api/listings/${listing.id}/photos`, "#3b7dd8");
  await upload("/api/me/photo", "#e8a33b");
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe("an admin hides a photo from the dashboard", () => {
  it("hides one of a listing's photos with a reason: gone from the storefront and the bucket, the volunteer told", async () => {
    // Prepare
    const before = await getListing();
    const [first, second] = before.photos as { id: string; thumb: string; full: string }[];
    if (!first || !second) throw new Error("the listing should have two photos");
    expect(await objectsOf(first.id)).toHaveLength(3); // its thumb, medium and full photo
    const admin = await browser.newPage();
    await uiLogin(admin, api, "admin", "a-01", "/admin/");
    await openModeration(admin);
    // She sees both photos and the face, each with its 隐藏.
    const items = admin.locator("#mod-photos li[data-photo]");
    expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute("data-photo")))).toEqual([
      first.id,
      second.id,
      (await api.request("GET", `/api/volunteers/${vPerson.sub}`)).body.volunteer.photo.id,
    ]);
    expect(await items.locator(".photo-label").allTextContents()).toEqual([
      "服务照片 第 1 张",
      "服务照片 第 2 张",
      "志愿者头像",
    ]);
    // Act: by keyboard, from 恢复上架 onwards
    await admin.focus("#mod-resume");
    for (let i = 0; i < 6; i++) {
      if (
        await admin.evaluate((id) => document.activeElement?.getAttribute("data-hide-photo") === id, first.id)
      )
        break;
      await admin.keyboard.press("Tab");
    }
    expect(await admin.evaluate(() => document.activeElement?.getAttribute("data-hide-photo"))).toBe(
      first.id,
    );
    await admin.keyboard.press("Enter");
    // The reason box opens in place, focused; a blank reason is refused before anything is sent.
    expect(await admin.evaluate(() => document.activeElement?.id)).toBe(`hide-photo-${first.id}`);
    await admin.keyboard.type("   ");
    await admin.keyboard.press("Tab"); // to 确认隐藏
    await admin.keyboard.press("Enter");
    const item = admin.locator(`#mod-photos li[data-photo="${first.id}"]`);
    await item.locator(".hide-photo-err").getByText("请写下隐藏的原因").waitFor();
    expect((await getListing()).photos).toHaveLength(2);
    await admin.fill(`#hide-photo-${first.id}`, REASON);
    expect(await item.locator(".hide-photo-err").textContent()).toBe("");
    await admin.screenshot({ path: resolve(SHOTS, "photos-admin-hide.png"), fullPage: false });
    expect(await axeViolations(admin)).toEqual([]);
    await admin.keyboard.press("Tab");
    expect(await admin.evaluate(() => document.activeElement?.textContent)).toBe("确认隐藏");
    await admin.keyboard.press("Enter");
    await admin.locator("#mod-msg .notice.ok").getByText("服务照片 第 1 张已隐藏").waitFor();
    expect(await admin.evaluate(() => document.activeElement?.id)).toBe("mod-photos-h");
    // Assess: the panel shows what is left
    expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute("data-photo")))).not.toContain(
      first.id,
    );
    expect(await items.count()).toBe(2);
    expect(await axeViolations(admin)).toEqual([]);
    // The storefront: the service page's gallery and the category card show only the other photo
    expect((await getListing()).photos.map((p: { id: string }) => p.id)).toEqual([second.id]);
    const resident = await browser.newPage();
    await resident.goto(`${api.url}/service/?id=${listing.id}`);
    await resident.locator("#gallery img").first().waitFor();
    expect(
      await resident.locator("#gallery img").evaluateAll((els) => els.map((e) => e.getAttribute("src"))),
    ).toEqual([second.full]);
    await resident.goto(`${api.url}/category/convenience/`);
    const card = resident.locator(`.card[data-listing="${listing.id}"] .card-pic img`);
    await card.waitFor();
    expect(await card.getAttribute("src")).toBe(second.thumb);
    // The bucket: its objects are deleted, not just unlinked
    expect(await objectsOf(first.id)).toEqual([]);
    expect((await fetch(`${api.url}${first.thumb}`)).status).toBe(404);
    expect((await fetch(`${api.url}${first.full}`)).status).toBe(404);
    // The volunteer reads why in 我的消息
    const owner = await browser.newPage();
    await uiLogin(owner, api, "volunteer", vPerson.sub, "/me/");
    const note = owner.locator("#notes li").filter({ hasText: "已被管理员隐藏" });
    await note.waitFor();
    expect(await note.textContent()).toContain(`“${listing.title}”的一张照片已被管理员隐藏，原因：${REASON}`);
    await owner.screenshot({ path: resolve(SHOTS, "photos-hidden-notice.png") });
    expect(await axeViolations(owner)).toEqual([]);
  });

  it("in 长辈模式 the controls are ≥ 60 × 60 px, 不隐藏了 changes nothing, and she hides the volunteer's face", async () => {
    // Prepare
    const face = (await api.request("GET", `/api/volunteers/${vPerson.sub}`)).body.volunteer.photo;
    const admin = await browser.newPage({ elder: true });
    await uiLogin(admin, api, "admin", "a-01", "/admin/");
    await openModeration(admin);
    const hide = admin.locator(`[data-hide-photo="${face.id}"]`);
    // Act: open, change her mind, open again
    const hideBox = await hide.boundingBox();
    await hide.click();
    await admin.getByRole("button", { name: "不隐藏了" }).click();
    expect(await admin.evaluate(() => document.activeElement?.getAttribute("data-hide-photo"))).toBe(face.id);
    await hide.click();
    const sizes = [
      hideBox,
      ...(await Promise.all(
        [
          admin.locator(`#hide-photo-${face.id}`),
          admin.getByRole("button", { name: "确认隐藏" }),
          admin.getByRole("button", { name: "不隐藏了" }),
        ].map((l) => l.boundingBox()),
      )),
    ];
    for (const box of sizes) {
      expect(box?.width).toBeGreaterThanOrEqual(60);
      expect(box?.height).toBeGreaterThanOrEqual(60);
    }
    expect(await axeViolations(admin)).toEqual([]);
    await admin.fill(`#hide-photo-${face.id}`, "头像里不止一个人，请换一张只有自己的照片");
    await admin.screenshot({ path: resolve(SHOTS, "photos-admin-hide-elder.png") });
    await admin.getByRole("button", { name: "确认隐藏" }).click();
    await admin.locator("#mod-msg .notice.ok").getByText("志愿者头像已隐藏").waitFor();
    // Assess
    expect(await admin.locator(`#mod-photos li[data-photo="${face.id}"]`).count()).toBe(0);
    expect(await axeViolations(admin)).toEqual([]);
    expect((await api.request("GET", `/api/volunteers/${vPerson.sub}`)).body.volunteer.photo).toBeUndefined();
    expect(await objectsOf(face.id)).toEqual([]);
    const resident = await browser.newPage({ elder: true });
    await resident.goto(`${api.url}/service/?id=${listing.id}`);
    await resident.locator("#gallery img").first().waitFor();
    expect(await resident.locator("#vol-face img").count()).toBe(0);
    const notes = (await api.request("GET", "/api/me/notifications", { token: vToken })).body.items;
    expect(notes.map((n: { text: string }) => n.text)).toContain(
      "您的头像已被管理员隐藏，原因：头像里不止一个人，请换一张只有自己的照片",
    );
  });
});
