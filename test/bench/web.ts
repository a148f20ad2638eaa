/**
 * Storefront benchmark: `node test/bench/web.ts`. Starts its own DynamoDB Local
 * (in memory) and the real local server on free ports, publishes a small district
 * through the API, then loads home, a category and a service page in Chromium at
 * 360×780 with a cold cache, and reports per page: bytes transferred for
 * HTML+CSS+JS (compressed, as sent; images and API JSON excluded), the JS part, and
 * the time from navigation start to the first listing being visible (median of
 * RUNS). First, from web/dist alone, the raw (uncompressed) JS of every page: its
 * scripts and every chunk they import (test/support/page-js.ts), against issue 18.8's
 * budget: home ≤ 60 KB, no page over 100 KB. `JS_ONLY=1` stops there (no browser).
 * Exits 1 if home breaks its transfer budget (≤ 60 KB, ≤ 40 KB of JS compressed) or any
 * page its raw JS budget.
 */

import { loadavg } from "node:os";
import { resolve } from "node:path";
import { kb, overBudget, PAGE_JS_BUDGET, sitePagesJs } from "../support/page-js.ts";
import { startBenchStack } from "./local-stack.ts";

const RUNS = Number(process.env.RUNS ?? 5);
const BUDGET = { homeBytes: 60 * 1024, homeJs: 40 * 1024 };

/** Raw JS before issue 18.8 (classic zod, every route's schema on every page; 2026-12-02). */
const BEFORE: Record<string, number> = {
  "/": 136.9,
  "/me/": 154.4,
  "/volunteer/": 153.1,
  "/service/": 148.9,
  "/search/": 147.3,
  "/category/convenience/": 147.1,
  "/admin/": 142.7,
  "/staff/": 140.0,
  "/login/": 97.0,
};
const pagesJs = sitePagesJs();
console.log(
  `Raw JS per page (web/dist: scripts + the chunks they import), load average ${loadavg()[0]?.toFixed(1)}`,
);
console.log("page                      raw JS     chunks  before 18.8");
for (const p of pagesJs) {
  const before = BEFORE[p.page] === undefined ? "" : `${BEFORE[p.page]} KB`;
  console.log(`${p.page.padEnd(26)}${kb(p.bytes).padEnd(11)}${String(p.chunks.length).padEnd(8)}${before}`);
}
const overJs = pagesJs.map(overBudget).filter((o): o is string => o !== undefined);
const jsBudget = `home ≤ ${kb(PAGE_JS_BUDGET.home)}, every page ≤ ${kb(PAGE_JS_BUDGET.page)}`;
if (overJs.length) console.error(`✗ raw JS over budget (${jsBudget}): ${overJs.join("; ")}`);
else console.log(`✓ raw JS within budget (${jsBudget})`);
console.log(JSON.stringify({ rawJs: pagesJs.map((p) => ({ page: p.page, bytes: p.bytes })) }));
if (process.env.JS_ONLY) process.exit(overJs.length ? 1 : 0);

const stack = await startBenchStack("bench-web");

const { startApi } = await import("../support/api.ts");
const { launchBrowser } = await import("../support/browser.ts");
const { listingInput } = await import("../support/builders.ts");
const { CATEGORIES } = await import("../../shared/categories.ts");

const api = await startApi({ staticDir: resolve(import.meta.dirname, "../../web/dist") });
let exitCode = overJs.length ? 1 : 0;
try {
  // A small district: 3 volunteers × 16 listings across the 8 categories.
  let serviceId = "";
  for (let v = 1; v <= 3; v++) {
    const token = await api.login({
      sub: `v-b${v}`,
      role: "volunteer",
      name: `志愿者${v}`,
      community: ["大关西苑社区", "和睦新村社区", "长乐社区"][v - 1] as string,
      branch: "大关街道第一党支部",
    });
    for (let i = 0; i < 16; i++) {
      const category = CATEGORIES[i % CATEGORIES.length]?.slug;
      const res = await api.request("POST", "/api/listings", {
        token,
        body: listingInput({ category, title: `${CATEGORIES[i % 8]?.examples[0]} ${v}-${i}` }),
      });
      if (res.status !== 201) throw new Error(`seed failed: ${res.text}`);
      serviceId ||= res.body.id;
    }
  }

  const pages = [
    { name: "home", path: "/", ready: "a[data-listing]" },
    { name: "category", path: "/category/convenience/", ready: "a[data-listing]" },
    { name: "service", path: `/service/?id=${serviceId}`, ready: "#service:not([hidden]) #title" },
  ];
  const browser = await launchBrowser();
  const rows: { page: string; bytes: number; jsBytes: number; firstListingMs: number }[] = [];
  for (const p of pages) {
    const samples: { bytes: number; js: number; ms: number }[] = [];
    for (let run = 0; run < RUNS; run++) {
      const page = await browser.newPage();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
      const types = new Map<string, string>();
      let bytes = 0;
      let js = 0;
      cdp.on("Network.responseReceived", (e) => types.set(e.requestId, e.type));
      cdp.on("Network.loadingFinished", (e) => {
        const type = types.get(e.requestId);
        if (type === "Document" || type === "Stylesheet" || type === "Script") {
          bytes += e.encodedDataLength;
          if (type === "Script") js += e.encodedDataLength;
        }
      });
      await page.addInitScript((selector: string) => {
        const w = window as unknown as { __ready?: number };
        const check = () => {
          const el = document.querySelector<HTMLElement>(selector);
          if (w.__ready === undefined && el && el.offsetParent !== null && el.textContent) {
            w.__ready = performance.now();
          }
        };
        new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
      }, p.ready);
      await page.goto(`${api.url}${p.path}`, { waitUntil: "networkidle" });
      await page.waitForFunction(() => (window as unknown as { __ready?: number }).__ready !== undefined);
      const ms = await page.evaluate(() => (window as unknown as { __ready: number }).__ready);
      samples.push({ bytes, js, ms });
      await page.context().close();
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    rows.push({
      page: p.name,
      bytes: median(samples.map((s) => s.bytes)),
      jsBytes: median(samples.map((s) => s.js)),
      firstListingMs: Math.round(median(samples.map((s) => s.ms))),
    });
  }
  await browser.close();

  console.log(`Storefront, Chromium 360×780, cold cache, median of ${RUNS} runs (local server, brotli)`);
  console.log("page      HTML+CSS+JS   JS          first listing visible");
  for (const r of rows) {
    console.log(
      `${r.page.padEnd(10)}${kb(r.bytes).padEnd(14)}${kb(r.jsBytes).padEnd(12)}${r.firstListingMs} ms`,
    );
  }
  console.log(JSON.stringify({ runs: RUNS, pages: rows }));
  const home = rows.find((r) => r.page === "home");
  if (!home || home.bytes > BUDGET.homeBytes || home.jsBytes > BUDGET.homeJs) {
    console.error(`✗ home is over budget (≤ ${kb(BUDGET.homeBytes)}, JS ≤ ${kb(BUDGET.homeJs)})`);
    exitCode = 1;
  } else console.log(`✓ home within budget (≤ ${kb(BUDGET.homeBytes)}, JS ≤ ${kb(BUDGET.homeJs)})`);
} finally {
  await api.close();
  await stack.stop();
}
process.exit(exitCode);
