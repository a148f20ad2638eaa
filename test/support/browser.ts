/**
 * One headless Chromium (from @sparticuz/chromium, driven by playwright-core) per
 * test file; playwright gives each launch a fresh temporary profile. Reuse its pages; close it in afterAll.
 * Checks of what is on a page: axe-core, and controls too small for 长辈模式.
 */
import { AxeBuilder } from "@axe-core/playwright";
import chromium from "@sparticuz/chromium";
import { type Browser, type BrowserContext, type Page, chromium as pw } from "playwright-core";

export const PHONE = { width: 360, height: 780 } as const;

export interface TestBrowser {
  browser: Browser;
  /** A new context (own storage, i.e. own login) with a phone-sized page. */
  newPage(opts?: { width?: number; height?: number; elder?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

/** Chromium's flags for a headless run here, for playwright's launch and for Lighthouse's own Chrome alike. */
export function chromeArgs(): string[] {
  return [
    // --single-process (in chromium.args, for Lambda) ends the browser when any context closes.
    ...chromium.args.filter((a) => !a.startsWith("--headless") && a !== "--single-process"),
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ];
}

export async function launchBrowser(): Promise<TestBrowser> {
  const args = chromeArgs();
  const browser = await pw.launch({ executablePath: await chromium.executablePath(), args, headless: true });
  const contexts: BrowserContext[] = [];
  return {
    browser,
    newPage: async (opts = {}) => {
      const context = await browser.newContext({
        viewport: { width: opts.width ?? PHONE.width, height: opts.height ?? PHONE.height },
        locale: "zh-CN",
        deviceScaleFactor: 1,
      });
      if (opts.elder) await context.addInitScript(() => localStorage.setItem("elder", "1"));
      contexts.push(context);
      return context.newPage();
    },
    close: async () => {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
    },
  };
}

/** axe-core violations on the page as it is now, summarised for a readable assertion. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}

/** axe-core findings on the page as it is now, added to a test's list (asserted empty at its end), each under `label`. */
export async function axeCheck(found: string[], page: Page, label: string): Promise<void> {
  for (const v of await axeViolations(page)) found.push(`${label}: ${v}`);
}

/** What smallControls looks at unless told: every link, button, field and summary on the page. */
const CONTROLS = "a[href], button, input, select, textarea, summary";

/**
 * Every visible control (`selector`) smaller than 60 × 60 px, as 长辈模式 promises
 * none is: a checkbox or radio counts by its label, which is what is tapped; the
 * skip link (off-screen until focused) aside.
 */
export async function smallControls(page: Page, selector = CONTROLS): Promise<string[]> {
  return page.$$eval(selector, (els) =>
    els.flatMap((el) => {
      if (el.classList.contains("skip")) return [];
      const box =
        el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")
          ? (el.labels?.[0] ?? el)
          : el;
      const r = box.getBoundingClientRect();
      const style = getComputedStyle(el);
      if ((r.width === 0 && r.height === 0) || style.visibility === "hidden") return [];
      if (r.height >= 59.5 && r.width >= 59.5) return [];
      const name = (el.getAttribute("aria-label") ?? el.textContent ?? el.id ?? "").trim().slice(0, 14);
      return [
        `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""} "${name}" ${Math.round(r.width)}×${Math.round(r.height)}`,
      ];
    }),
  );
}
