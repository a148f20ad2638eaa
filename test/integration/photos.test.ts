/**
 * Listing photos and faces over real HTTP, real DynamoDB Local and the local S3
 * (s3rver behind its POST-policy gate), the uploads processed by the same handler
 * the deployed S3 notification invokes.
 */
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_PHOTO_BYTES, PHOTO_CACHE_CONTROL } from "../../shared/photos.ts";
import { startApi, type TestApi } from "../support/api.ts";
import { admin, listingInput, resident, volunteer } from "../support/builders.ts";
import { fakeExe, pixelAt, pngBomb, postToS3, sidewaysJpegWithGps, webpChunks } from "../support/photos.ts";

let api: TestApi;
let vToken: string;
let v2Token: string;
let aToken: string;

beforeAll(async () => {
  api = await startApi({ photos: true });
  vToken = await api.login(volunteer(1));
  v2Token = await api.login(volunteer(2));
  aToken = await api.login(admin());
});
afterAll(() => api.close());

async function listing(token = vToken) {
  const res = await api.request("POST", "/api/listings", { token, body: listingInput() });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; title: string };
}

async function ask(listingId: string, file: Buffer, contentType = "image/jpeg", token = vToken) {
  const res = await api.request("POST", `/api/listings/${listingId}/photos`, {
    token,
    body: { contentType, bytes: file.length },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { photoId: string; upload: { url: string; fields: Record<string, string> } };
}

async function upload(listingId: string, file: Buffer, contentType = "image/jpeg") {
  const answer = await ask(listingId, file, contentType);
  const sent = await postToS3(answer.upload, file, contentType);
  expect(sent.status, sent.text).toBe(204);
  await api.photosProcessed();
  return answer.photoId;
}

async function objectExists(key: string) {
  const { s3, photosBucket } = await import("../../functions/lib/s3.ts");
  try {
    await s3.send(new HeadObjectCommand({ Bucket: photosBucket(), Key: key }));
    return true;
  } catch {
    return false;
  }
}

async function notes(token: string) {
  const res = await api.request("GET", "/api/me/notifications", { token });
  return res.body.items as { type: string; text: string }[];
}

describe("listing photos", () => {
  it("a sideways phone photo with a GPS tag is served upright, stripped, as WebP thumb ≤ 480 px and full", async () => {
    // Prepare
    const l = await listing();
    // Act
    const id = await upload(l.id, await sidewaysJpegWithGps());
    // Assess
    const got = await api.request("GET", `/api/listings/${l.id}`);
    expect(got.body.photos).toHaveLength(1);
    const photo = got.body.photos[0];
    expect(photo).toMatchObject({ id, alt: l.title });
    expect(photo.thumb).toMatch(/^\/photos\/[A-Za-z0-9_-]+\/[0-9a-f]{16}\.webp$/);
    const thumbRes = await fetch(`${api.url}${photo.thumb}`);
    expect(thumbRes.status).toBe(200);
    expect(thumbRes.headers.get("content-type")).toBe("image/webp");
    expect(thumbRes.headers.get("cache-control")).toBe(PHOTO_CACHE_CONTROL);
    const thumb = Buffer.from(await thumbRes.arrayBuffer());
    const chunks = webpChunks(thumb).map((c) => c.fourCC);
    expect(chunks).not.toContain("EXIF");
    expect(chunks).not.toContain("XMP ");
    expect(chunks).not.toContain("ICCP");
    const meta = await sharp(thumb).metadata();
    expect(meta.width).toBeLessThanOrEqual(480);
    expect(meta.exif).toBeUndefined();
    // Upright: red on top, blue below (stored sideways: red left, blue right).
    expect((await pixelAt(thumb, 460, 20)).r).toBeGreaterThan(200);
    expect((await pixelAt(thumb, 20, 340)).b).toBeGreaterThan(200);
    const full = Buffer.from(await (await fetch(`${api.url}${photo.full}`)).arrayBuffer());
    const fullMeta = await sharp(full).metadata();
    expect([fullMeta.width, fullMeta.height]).toEqual([200, 300]);
    expect(webpChunks(full).map((c) => c.fourCC)).not.toContain("EXIF");
    // The phone-sized rendition (the gallery's srcset): within 800 × 600, upright and stripped too.
    const medium = Buffer.from(await (await fetch(`${api.url}${photo.medium}`)).arrayBuffer());
    const mediumMeta = await sharp(medium).metadata();
    expect([mediumMeta.width, mediumMeta.height]).toEqual([200, 300]);
    expect(webpChunks(medium).map((c) => c.fourCC)).not.toContain("EXIF");
    // The upload itself is gone; the processed photos stay.
    expect(await objectExists(`uploads/${id}`)).toBe(false);
    expect(await objectExists(photo.thumb.slice(1))).toBe(true);
  });

  it("a repeated S3 event changes nothing", async () => {
    // Prepare
    const l = await listing();
    const id = await upload(l.id, await sidewaysJpegWithGps());
    const before = (await api.request("GET", `/api/listings/${l.id}`)).body;
    const { handler } = await import("../../functions/photos/process.ts");
    const event = {
      Records: [
        { eventName: "ObjectCreated:Post", s3: { bucket: { name: "b" }, object: { key: `uploads/${id}` } } },
      ],
    };
    // Act
    const again = await handler(event as never);
    // Assess
    expect(again.outcomes).toEqual(["skipped"]);
    const after = (await api.request("GET", `/api/listings/${l.id}`)).body;
    expect(after.photos).toEqual(before.photos);
    expect(after.updatedAt).toBe(before.updatedAt);
  });

  it("refuses a wrong type, a file over 8 MB, another volunteer and a seventh photo with clear 4xx", async () => {
    // Prepare
    const l = await listing();
    const body = (contentType: string, bytes: number) => ({ contentType, bytes });
    // Act
    const exe = await api.request("POST", `/api/listings/${l.id}/photos`, {
      token: vToken,
      body: body("application/x-msdownload", 10),
    });
    const big = await api.request("POST", `/api/listings/${l.id}/photos`, {
      token: vToken,
      body: body("image/jpeg", 9 * 1024 * 1024),
    });
    const other = await api.request("POST", `/api/listings/${l.id}/photos`, {
      token: v2Token,
      body: body("image/jpeg", 10),
    });
    // Assess
    expect(exe.status).toBe(400);
    expect(exe.body.error.message).toContain("JPEG、PNG 或 WebP");
    expect(big.status).toBe(400);
    expect(big.body.error.message).toContain("8 MB");
    expect(other.status).toBe(403);
    for (let i = 0; i < 6; i++) await ask(l.id, Buffer.alloc(10));
    const seventh = await api.request("POST", `/api/listings/${l.id}/photos`, {
      token: vToken,
      body: body("image/png", 10),
    });
    expect(seventh.status).toBe(409);
    expect(seventh.body.error.code).toBe("TOO_MANY_PHOTOS");
  });

  it("S3 itself refuses a file bigger than declared, another type than signed, and a forged policy", async () => {
    // Prepare
    const l = await listing();
    const photo = await sidewaysJpegWithGps();
    const answer = await ask(l.id, photo);
    // Act
    const bigger = await postToS3(answer.upload, Buffer.concat([photo, Buffer.alloc(10)]), "image/jpeg");
    const otherType = await postToS3(
      { ...answer.upload, fields: { ...answer.upload.fields, "Content-Type": "text/html" } },
      photo,
      "text/html",
    );
    const forged = await postToS3(
      {
        ...answer.upload,
        fields: {
          ...answer.upload.fields,
          Policy: Buffer.from(
            JSON.stringify({
              expiration: "2099-01-01T00:00:00Z",
              conditions: [["content-length-range", 1, MAX_PHOTO_BYTES * 10]],
            }),
          ).toString("base64"),
        },
      },
      photo,
      "image/jpeg",
    );
    // Assess
    expect(bigger.status).toBe(400);
    expect(bigger.text).toContain("EntityTooLarge");
    expect(otherType.status).toBe(403);
    expect(otherType.text).toContain("Policy Condition failed");
    expect(forged.status).toBe(403);
    expect(await objectExists(`uploads/${answer.photoId}`)).toBe(false);
  });

  it("a .exe renamed .jpg and a decompression bomb are refused, deleted and the volunteer told", async () => {
    // Prepare
    const l = await listing();
    // Act
    const exe = await upload(l.id, fakeExe());
    const bomb = await upload(l.id, pngBomb(), "image/png");
    // Assess
    const got = await api.request("GET", `/api/listings/${l.id}`);
    expect(got.body.photos).toEqual([]);
    expect(await objectExists(`uploads/${exe}`)).toBe(false);
    expect(await objectExists(`uploads/${bomb}`)).toBe(false);
    const told = (await notes(vToken)).filter((n) => n.type === "photo_refused").map((n) => n.text);
    expect(told.some((t) => t.includes("不是照片"))).toBe(true);
    expect(told.some((t) => t.includes("像素太多"))).toBe(true);
    // Refused uploads give their slots back: six more may be asked for.
    for (let i = 0; i < 6; i++) await ask(l.id, Buffer.alloc(10));
  });

  it("the owner reorders, sets alt texts and deletes; the deleted photo leaves the bucket", async () => {
    // Prepare
    const l = await listing();
    const a = await upload(l.id, await sidewaysJpegWithGps());
    const b = await upload(
      l.id,
      await sharp({ create: { width: 64, height: 48, channels: 3, background: "green" } })
        .png()
        .toBuffer(),
      "image/png",
    );
    // Act
    const patched = await api.request("PATCH", `/api/listings/${l.id}`, {
      token: vToken,
      body: {
        photos: [
          { id: b, alt: "理发后的张阿姨" },
          { id: a, alt: "" },
        ],
      },
    });
    const stale = await api.request("PATCH", `/api/listings/${l.id}`, {
      token: vToken,
      body: { photos: [{ id: a, alt: "" }] },
    });
    const notOwner = await api.request("DELETE", `/api/listings/${l.id}/photos/${a}`, { token: v2Token });
    const thumbOfA = patched.body.photos[1].thumb as string;
    const mediumOfA = patched.body.photos[1].medium as string;
    const deleted = await api.request("DELETE", `/api/listings/${l.id}/photos/${a}`, { token: vToken });
    const again = await api.request("DELETE", `/api/listings/${l.id}/photos/${a}`, { token: vToken });
    // Assess
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.photos.map((p: { id: string; alt: string }) => [p.id, p.alt])).toEqual([
      [b, "理发后的张阿姨"],
      [a, l.title],
    ]);
    expect(stale.status).toBe(409);
    expect(notOwner.status).toBe(403);
    expect(deleted.status).toBe(204);
    expect(again.status).toBe(404);
    const got = await api.request("GET", `/api/listings/${l.id}`);
    expect(got.body.photos.map((p: { id: string }) => p.id)).toEqual([b]);
    expect(await objectExists(thumbOfA.slice(1))).toBe(false);
    expect(await objectExists(mediumOfA.slice(1))).toBe(false);
    expect((await fetch(`${api.url}${thumbOfA}`)).status).toBe(404);
  });

  it("an admin hides any photo with a reason: removed from the listing and the bucket, the owner told", async () => {
    // Prepare
    const l = await listing();
    const id = await upload(l.id, await sidewaysJpegWithGps());
    const thumb = (await api.request("GET", `/api/listings/${l.id}`)).body.photos[0].thumb as string;
    const rToken = await api.login(resident(1));
    // Act
    const byResident = await api.request("POST", `/api/admin/photos/${id}/hide`, {
      token: rToken,
      body: { reason: "x" },
    });
    const noReason = await api.request("POST", `/api/admin/photos/${id}/hide`, { token: aToken, body: {} });
    const hidden = await api.request("POST", `/api/admin/photos/${id}/hide`, {
      token: aToken,
      body: { reason: "照片里有居民的门牌号" },
    });
    const twice = await api.request("POST", `/api/admin/photos/${id}/hide`, {
      token: aToken,
      body: { reason: "再次" },
    });
    const unknown = await api.request("POST", "/api/admin/photos/p_nope/hide", {
      token: aToken,
      body: { reason: "x" },
    });
    // Assess
    expect(byResident.status).toBe(403);
    expect(noReason.status).toBe(400);
    expect(hidden.status).toBe(204);
    expect(twice.status).toBe(409);
    expect(unknown.status).toBe(404);
    expect((await api.request("GET", `/api/listings/${l.id}`)).body.photos).toEqual([]);
    expect(await objectExists(thumb.slice(1))).toBe(false);
    const told = (await notes(vToken)).find((n) => n.type === "photo_hidden");
    expect(told?.text).toContain("照片里有居民的门牌号");
  });
});

describe("volunteers' faces", () => {
  it("a volunteer sets a profile photo; the shop shows it; a new one replaces it and the old leaves the bucket", async () => {
    // Prepare
    await listing(v2Token);
    const face = async (colour: string) => {
      const file = await sharp({ create: { width: 400, height: 400, channels: 3, background: colour } })
        .jpeg()
        .toBuffer();
      const res = await api.request("POST", "/api/me/photo", {
        token: v2Token,
        body: { contentType: "image/jpeg", bytes: file.length },
      });
      expect(res.status, res.text).toBe(201);
      expect((await postToS3(res.body.upload, file, "image/jpeg")).status).toBe(204);
      await api.photosProcessed();
      return res.body.photoId as string;
    };
    // Act
    const first = await face("orange");
    const shop1 = await api.request("GET", `/api/volunteers/${volunteer(2).sub}`);
    const second = await face("purple");
    const shop2 = await api.request("GET", `/api/volunteers/${volunteer(2).sub}`);
    // Assess
    expect(shop1.body.volunteer.photo.id).toBe(first);
    expect(shop2.body.volunteer.photo.id).toBe(second);
    expect(await objectExists(shop1.body.volunteer.photo.thumb.slice(1))).toBe(false);
    expect((await fetch(`${api.url}${shop2.body.volunteer.photo.thumb}`)).status).toBe(200);
  });

  it("a resident has no face to set, and a volunteer without a shop is told to publish first", async () => {
    const rToken = await api.login(resident(2));
    const v3 = await api.login(volunteer(3));
    const body = { contentType: "image/jpeg", bytes: 100 };
    expect((await api.request("POST", "/api/me/photo", { token: rToken, body })).status).toBe(403);
    const noShop = await api.request("POST", "/api/me/photo", { token: v3, body });
    expect(noShop.status).toBe(409);
    expect(noShop.body.error.code).toBe("NO_SHOP_YET");
  });
});
