/**
 * One headless Chromium (from @sparticuz/chromium, driven by playwright-core) per
 * test file; playwright gives each launch a fresh temporary profile. Reuse its pages; close it in afterAll.
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
