/**
 * Photos benchmark: `npx node test/bench/photos.ts`. Two figures:
 *  1. Processing time per photo (p50, p99): the processing handler's work on a
 *     phone-sized JPEG (12 MP, 4032 × 3024, noisy like a real photo, EXIF orientation
 *     and GPS): decode, upright, strip, WebP thumb, medium and full; then the same through the
 *     whole path (presigned POST to the local S3, its event, the handler, the records).
 *  2. The category page's weight with 12 photographed listings, in Chromium at
 *     360 × 780 with a cold cache: everything transferred (HTML, CSS, JS, API, images),
 *     and the images alone (the thumbs: the first screen's at once, the others lazily).
 * RUNS (default 12) photos per size; starts its own DynamoDB Local and local S3.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startBenchStack } from "./local-stack.ts";

const RUNS = Number(process.env.RUNS ?? 12);
const stack = await startBenchStack("bench-photos");
const { startApi } = await import("../support/api.ts");
const { launchBrowser } = await import("../support/browser.ts");
const { listingInput } = await import("../support/builders.ts");
const { phonePhoto, postToS3 } = await import("../support/photos.ts");
const { renderPhoto } = await import("../../functions/domain/photos/image.ts");

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
};

const api = await startApi({ photos: true, staticDir: resolve(import.meta.dirname, "../../web/dist") });
let exitCode = 0;
try {
  const photos = await Promise.all(Array.from({ length: Math.min(RUNS, 4) }, (_, i) => phonePhoto(i + 1)));
  const sizeMb = (photos[0]?.length ?? 0) / 1024 / 1024;
  // 1a. The image work alone.
  await renderPhoto(photos[0] as Buffer); // warm: libvips loads its codecs once per container
  const render: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await renderPhoto(photos[i % photos.length] as Buffer);
    render.push(performance.now() - t);
  }
  // 1b. Upload to processed, through the local S3, its event and the handler.
  const token = await api.login({
    sub: "v-bp1",
    role: "volunteer",
    name: "志愿者",
    community: "大关西苑社区",
    branch: "大关街道第一党支部",
  });
  const listingIds: string[] = [];
  const whole: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const l = await api.request("POST", "/api/listings", {
      token,
      body: listingInput({ category: "convenience" }),
    });
    listingIds.push(l.body.id);
    const file = photos[i % photos.length] as Buffer;
    const t = performance.now();
    const asked = await api.request("POST", `/api/listings/${l.body.id}/photos`, {
      token,
      body: { contentType: "image/jpeg", bytes: file.length },
    });
    const sent = await postToS3(asked.body.upload, file, "image/jpeg");
    if (sent.status !== 204) throw new Error(`upload failed: ${sent.status} ${sent.text}`);
    await api.photosProcessed();
    whole.push(performance.now() - t);
  }
  const got = await api.request("GET", "/api/listings?category=convenience&limit=20");
  const shown = got.body.items.filter((x: { photos: unknown[] }) => x.photos.length).length;
  if (shown < Math.min(RUNS, 12)) throw new Error(`only ${shown} listings have their photo`);

  // 3 (before the page, which it does not touch). What the demo district's pictures add to `npm start`:
  // its 12 listings and 6 faces drawn and processed, with the drawings not yet cached, then cached.
  const demo = await import("../../infra/local/demo-photos.ts");
  const district = (await import("../../infra/local/demo-district.ts")).demoDistrict();
  const { newListingItem } = await import("../../functions/domain/listings/item.ts");
  const { insertListing } = await import("../../functions/domain/listings/write.ts");
  const { asUser } = await import("../../infra/local/demo-district.ts");
  const demoMs: number[] = [];
  const cache = mkdtempSync(join(tmpdir(), "bench-demo-photos-"));
  // The pictured listings, and one listing of each volunteer who gets a face (a face needs a shop).
  const picked = demo.demoPhotoListings(district.listings);
  const owners = new Set(district.listings.map((l) => l.volunteer.sub));
  const faces = district.volunteers.filter((v) => owners.has(v.sub)).slice(0, demo.DEMO_FACES);
  const needed = [...picked, ...faces.map((v) => district.listings.find((l) => l.volunteer.sub === v.sub))];
  for (const l of new Set(needed)) {
    if (!l) continue;
    const input = { ...listingInput(), title: l.title, category: l.category, status: "published" as const };
    await insertListing(
      asUser(l.volunteer),
      newListingItem(asUser(l.volunteer), input as never, new Date(), l.id),
    );
  }
  for (let round = 0; round < 2; round++) {
    const t = performance.now();
    await demo.loadDemoPhotos(cache);
    demoMs.push(performance.now() - t);
  }

  // 2. The category page with (at least) 12 photographed listings.
  const browser = await launchBrowser();
  const weights: { all: number; images: number; imageCount: number }[] = [];
  for (let run = 0; run < 3; run++) {
    const page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const types = new Map<string, string>();
    const w = { all: 0, images: 0, imageCount: 0 };
    cdp.on("Network.responseReceived", (e) => types.set(e.requestId, e.type));
    cdp.on("Network.loadingFinished", (e) => {
      w.all += e.encodedDataLength;
      if (types.get(e.requestId) === "Image") {
        w.images += e.encodedDataLength;
        w.imageCount++;
      }
    });
    await page.goto(`${api.url}/category/convenience/`, { waitUntil: "networkidle" });
    await page.locator(".card-pic img").first().waitFor();
    await page.waitForLoadState("networkidle");
    weights.push(w);
    await page.context().close();
  }
  await browser.close();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const ms = (n: number) => `${Math.round(n)} ms`;
  const result = {
    runs: RUNS,
    photoMb: Math.round(sizeMb * 10) / 10,
    renderMs: { p50: Math.round(pct(render, 50)), p99: Math.round(pct(render, 99)) },
    uploadToShownMs: { p50: Math.round(pct(whole, 50)), p99: Math.round(pct(whole, 99)) },
    demoPhotosMs: { drawn: Math.round(demoMs[0] ?? 0), cached: Math.round(demoMs[1] ?? 0) },
    categoryPage: {
      listingsWithPhotos: shown,
      totalKb: Math.round(median(weights.map((x) => x.all)) / 102.4) / 10,
      imagesKb: Math.round(median(weights.map((x) => x.images)) / 102.4) / 10,
      imagesLoaded: median(weights.map((x) => x.imageCount)),
    },
  };
  console.log(`Photo processing, ${RUNS} × 12 MP JPEG (${result.photoMb} MB, sideways, GPS tag)`);
  console.log(
    `  sharp (upright, strip, 3 WebP renditions)   p50 ${ms(pct(render, 50))}   p99 ${ms(pct(render, 99))}`,
  );
  console.log(
    `  upload → processed → on the listing         p50 ${ms(pct(whole, 50))}   p99 ${ms(pct(whole, 99))}`,
  );
  console.log(
    `Category page with ${shown} photographed listings (Chromium 360×780, cold cache, median of 3): ${kb(median(weights.map((x) => x.all)))} in all, images ${kb(median(weights.map((x) => x.images)))} (${result.categoryPage.imagesLoaded} image requests: the lazy thumbs in or near the first screen)`,
  );
  console.log(
    `Demo district pictures at npm start (${demo.DEMO_LISTING_PHOTOS} listings, ${demo.DEMO_FACES} faces): ${ms(demoMs[0] ?? 0)} drawn, ${ms(demoMs[1] ?? 0)} from the cache`,
  );
  console.log(JSON.stringify(result));
} catch (err) {
  console.error(err);
  exitCode = 1;
} finally {
  await api.close();
  await stack.stop();
}
process.exit(exitCode);
