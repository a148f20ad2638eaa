/**
 * Lighthouse benchmark: `node test/bench/lighthouse.ts`. Starts its own DynamoDB
 * Local (in memory), the local S3 and the real local server on free ports, publishes
 * a small district through the API with photos as volunteers take them (12 MP phone
 * JPEGs, 1.4 MB, uploaded to the local S3 and processed by the real handler): the
 * category page measured shows 12 photographed listings, the service page a 3-photo
 * gallery and the volunteer's face. Then it runs Lighthouse (its default mobile preset:
 * a mid-range phone, simulated slow 4G and 4× CPU slowdown) on the home, a
 * category and a service page, each in normal and 长辈模式, in the same Chromium
 * the browser tests use (@sparticuz/chromium, as CHROME_PATH). Prints
 * performance, accessibility, best practices, CLS, LCP, TBT and the page's total
 * weight per page (median of RUNS runs; RUNS=… to change; PAGES=category,service to pick;
 * LHR_DIR=… keeps the reports). Build the storefront first (npm run build). Exits 1 below the targets: accessibility and best practices 100,
 * performance ≥ 95, CLS ≤ 0.05.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import chromium from "@sparticuz/chromium";
import lighthouse from "lighthouse";
import { chromium as pw } from "playwright-core";
import { chromeArgs } from "../support/browser.ts";
import { startBenchStack } from "./local-stack.ts";

const RUNS = Number(process.env.RUNS ?? 3);
const TARGET = { performance: 95, accessibility: 100, "best-practices": 100, cls: 0.05 };

const stack = await startBenchStack("bench-lighthouse");
const { startApi } = await import("../support/api.ts");
const { freePort } = await import("../support/global-setup.ts");
const { listingInput, eventInput } = await import("../support/builders.ts");
const { phonePhoto, postToS3 } = await import("../support/photos.ts");
const { CATEGORIES } = await import("../../shared/categories.ts");

// WEB_DIST: another build of the storefront to measure (e.g. an older commit's), web/dist by default.
const api = await startApi({
  photos: true,
  staticDir: process.env.WEB_DIST ?? resolve(import.meta.dirname, "../../web/dist"),
});
const profile = await mkdtemp(join(tmpdir(), "lighthouse-"));
process.env.CHROME_PATH = await chromium.executablePath();
const port = await freePort();
const chrome = spawn(
  process.env.CHROME_PATH,
  [...chromeArgs(), `--user-data-dir=${profile}`, `--remote-debugging-port=${port}`, "about:blank"],
  { stdio: "ignore" },
);
let exitCode = 0;
try {
  // A small district: 2 volunteers × 12 listings across the 8 categories, one event, one review;
  // and 8 more 便民利民 listings, so the category measured holds 12, each with a phone photo.
  const shots = await Promise.all([1, 2, 3, 4].map(phonePhoto));
  let shot = 0;
  async function photograph(path: string, token: string) {
    const file = shots[shot++ % shots.length] as Buffer;
    const asked = await api.request("POST", path, {
      token,
      body: { contentType: "image/jpeg", bytes: file.length },
    });
    if (asked.status !== 201) throw new Error(`photo refused: ${asked.text}`);
    const sent = await postToS3(asked.body.upload, file, "image/jpeg");
    if (sent.status !== 204) throw new Error(`upload failed: ${sent.status} ${sent.text}`);
    await api.photosProcessed();
  }
  let serviceId = "";
  for (let v = 1; v <= 2; v++) {
    const token = await api.login({
      sub: `v-l${v}`,
      role: "volunteer",
      name: `志愿者${v}`,
      community: ["大关西苑社区", "和睦新村社区"][v - 1] as string,
      branch: "大关街道第一党支部",
    });
    for (let i = 0; i < 16; i++) {
      const c = i < 12 ? CATEGORIES[i % CATEGORIES.length] : CATEGORIES[0];
      const res = await api.request("POST", "/api/listings", {
        token,
        body: listingInput({ category: c?.slug, title: `${c?.examples[0]} ${v}-${i}` }),
      });
      if (res.status !== 201) throw new Error(`seed failed: ${res.text}`);
      if (c?.slug === "convenience") {
        // The service page measured (the first listing) has a gallery of 3; every other card one photo.
        for (let n = serviceId ? 1 : 3; n > 0; n--)
          await photograph(`/api/listings/${res.body.id}/photos`, token);
      }
      serviceId ||= res.body.id;
    }
    await photograph("/api/me/photo", token);
    await api.request("POST", "/api/listings", { token, body: eventInput({ title: `社区观影 ${v}` }) });
  }
  await api.settle();

  // PAGES=category,service: measure only those (the figures of one page in less time).
  const only = process.env.PAGES?.split(",");
  const pages = [
    { name: "home", path: "/" },
    { name: "category", path: "/category/convenience/" },
    { name: "service", path: `/service/?id=${serviceId}` },
  ].filter((p) => !only || only.includes(p.name));

  // The 长辈模式 switch lives in localStorage: set it for the origin in Chromium's own profile.
  const cdp = await pw.connectOverCDP(`http://127.0.0.1:${port}`);
  // Each page is opened once first, so no run measures the local server's first import of a handler.
  async function elderMode(on: boolean) {
    const context = cdp.contexts()[0];
    if (!context) throw new Error("no browser context");
    const page = await context.newPage();
    await page.goto(`${api.url}/404.html`);
    await page.evaluate((v) => localStorage.setItem("elder", v ? "1" : "0"), on);
    for (const p of pages) await page.goto(`${api.url}${p.path}`, { waitUntil: "networkidle" });
    await page.close();
  }
  async function elderStored(): Promise<boolean> {
    const page = await (cdp.contexts()[0] ?? (await cdp.newContext())).newPage();
    await page.goto(`${api.url}/404.html`);
    const v = await page.evaluate(() => localStorage.getItem("elder"));
    await page.close();
    return v === "1";
  }

  const rows: {
    page: string;
    scores: Record<string, number>;
    cls: number;
    lcp: number;
    tbt: number;
    kb: number;
  }[] = [];
  for (const elder of [false, true]) {
    await elderMode(elder);
    for (const p of pages) {
      const samples: {
        scores: Record<string, number>;
        cls: number;
        lcp: number;
        tbt: number;
        bytes: number;
      }[] = [];
      for (let run = 0; run < RUNS; run++) {
        const result = await lighthouse(`${api.url}${p.path}`, {
          port,
          output: "json",
          logLevel: "error",
          // Lighthouse's storage reset clears the HTTP cache (every run is a first visit: the photos
          // are fetched) but not localStorage, which keeps the 长辈模式 choice this pass set (checked below).
          onlyCategories: ["performance", "accessibility", "best-practices"],
        });
        if (!result) throw new Error(`no Lighthouse result for ${p.path}`);
        if ((await elderStored()) !== elder)
          throw new Error("Lighthouse's storage reset lost the 长辈模式 choice");
        const lhr = result.lhr;
        // LHR_DIR=…: keep each report (JSON) to look into, e.g. its network-requests audit.
        if (process.env.LHR_DIR)
          await writeFile(
            join(process.env.LHR_DIR, `${p.name}${elder ? "-elder" : ""}-${run}.json`),
            JSON.stringify(lhr),
          );
        const scores: Record<string, number> = {};
        for (const [id, cat] of Object.entries(lhr.categories))
          scores[id] = Math.round((cat.score ?? 0) * 100);
        const cls = lhr.audits["cumulative-layout-shift"]?.numericValue ?? Number.NaN;
        const lcp = lhr.audits["largest-contentful-paint"]?.numericValue ?? Number.NaN;
        const tbt = lhr.audits["total-blocking-time"]?.numericValue ?? Number.NaN;
        // Everything the page transferred (HTML, CSS, JS, API answers, the photos it loaded).
        const bytes = lhr.audits["total-byte-weight"]?.numericValue ?? Number.NaN;
        samples.push({ scores, cls, lcp, tbt, bytes });
        if (cls > TARGET.cls) {
          // Name what moved, so a regression says where it is.
          const shifts = lhr.audits["layout-shifts"]?.details;
          const items = shifts && "items" in shifts ? shifts.items : [];
          for (const item of items.slice(0, 5)) {
            const node = item.node;
            const where = node && typeof node === "object" && "selector" in node ? node.selector : "?";
            console.error(
              `  ${p.name}${elder ? " (长辈模式)" : ""}: shift ${String(item.score)} at ${String(where)}`,
            );
          }
        }
        for (const [id, audit] of Object.entries(lhr.audits)) {
          if (
            audit.score !== null &&
            audit.score < 1 &&
            audit.scoreDisplayMode === "binary" &&
            ["accessibility", "best-practices"].some((c) =>
              lhr.categories[c]?.auditRefs.some((r) => r.id === id && r.weight > 0),
            )
          )
            console.error(`  ${p.name}${elder ? " (长辈模式)" : ""}: ${id} — ${audit.title}`);
        }
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
      rows.push({
        page: `${p.name}${elder ? " 长辈模式" : ""}`,
        scores: Object.fromEntries(
          ["performance", "accessibility", "best-practices"].map((c) => [
            c,
            median(samples.map((s) => s.scores[c] ?? 0)),
          ]),
        ),
        cls: median(samples.map((s) => s.cls)),
        lcp: Math.round(median(samples.map((s) => s.lcp))),
        tbt: Math.round(median(samples.map((s) => s.tbt))),
        kb: Math.round(median(samples.map((s) => s.bytes)) / 102.4) / 10,
      });
    }
  }
  await cdp.close();

  console.log(
    `Lighthouse mobile preset (simulated slow 4G, 4× CPU), median of ${RUNS} runs; load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}`,
  );
  console.log(
    "page                 performance  accessibility  best-practices  CLS     LCP, TBT (simulated), weight",
  );
  for (const r of rows) {
    console.log(
      `${r.page.padEnd(19)}  ${String(r.scores.performance).padEnd(11)}  ${String(r.scores.accessibility).padEnd(13)}  ${String(r.scores["best-practices"]).padEnd(14)}  ${r.cls.toFixed(3).padEnd(6)}  ${r.lcp} ms, ${r.tbt} ms, ${r.kb} KB`,
    );
  }
  console.log(JSON.stringify({ runs: RUNS, pages: rows }));
  const misses = rows.filter(
    (r) =>
      (r.scores.performance ?? 0) < TARGET.performance ||
      (r.scores.accessibility ?? 0) < TARGET.accessibility ||
      (r.scores["best-practices"] ?? 0) < TARGET["best-practices"] ||
      !(r.cls <= TARGET.cls),
  );
  if (misses.length) {
    console.error(
      `✗ below target (performance ≥ 95, accessibility 100, best practices 100, CLS ≤ 0.05): ${misses.map((r) => r.page).join(", ")}`,
    );
    exitCode = 1;
  } else
    console.log(
      "✓ every page meets the targets (performance ≥ 95, accessibility 100, best practices 100, CLS ≤ 0.05)",
    );
} finally {
  chrome.kill();
  await api.close();
  await stack.stop();
  await rm(profile, { recursive: true, force: true });
}
process.exit(exitCode);
