/**
 * Browser-test steps shared by the e2e files: the local stack and one Chromium per
 * file, signing in as a demo person the way a user does, a worker registering a
 * resident, screenshots for the README.
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { type Person, type StartOptions, startApi, type TestApi } from "./api.ts";
import { launchBrowser, type TestBrowser } from "./browser.ts";

export type DemoPerson = Person & { name: string };

/**
 * The local stack (startApi) and one Chromium for a browser-test file: started in a
 * beforeAll registered here, so before the file's own (which may use them), handed
 * to the file's variables by `set`, and closed after its tests, the browser first:
 * `browserStack((s) => ({ api, browser } = s), { photos: true })`.
 */
export function browserStack(set: (s: { api: TestApi; browser: TestBrowser }) => void, opts?: StartOptions) {
  let api: TestApi | undefined;
  let browser: TestBrowser | undefined;
  beforeAll(async () => {
    api = await startApi(opts);
    browser = await launchBrowser();
    set({ api, browser });
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });
}

/** Where the README's screenshots are kept. */
export const SHOTS = resolve(import.meta.dirname, "../../docs/screenshots");

/** The page as it is now, in docs/screenshots/`name`.png (the whole page with `fullPage`). */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: resolve(SHOTS, `${name}.png`), fullPage });
}

/** A person from the local demo list (what /login/ offers), without the phone the login body does not take. */
export async function demoPerson(api: TestApi, sub: string): Promise<DemoPerson> {
  const people = (await api.request("GET", "/api/dev/users")).body.items as (DemoPerson & {
    phone?: string;
  })[];
  const found = people.find((p) => p.sub === sub);
  if (!found) throw new Error(`no demo person ${sub}`);
  const { phone: _phone, ...person } = found;
  return person;
}

/** Sign in through the storefront's own login page, as a person from the demo list. */
export async function uiLogin(page: Page, api: TestApi, role: Person["role"], sub: string, returnTo: string) {
  await page.goto(`${api.url}/login/?returnTo=${encodeURIComponent(returnTo)}`);
  await page.selectOption("#who", role);
  await page.click(`button[data-sub="${sub}"]`);
  await page.waitForURL((u) => u.pathname === returnTo.split("?")[0]);
}

/**
 * On the worker's console (/staff/): look `find` up, find nobody, and register the
 * resident with her consent; done when step two (choosing her service) shows.
 */
export async function uiRegisterResident(
  page: Page,
  find: string,
  resident: { name: string; phone: string; address: string },
): Promise<void> {
  await page.fill("#find-q", find);
  await page.click("#find button[type=submit]");
  await page.locator("#register-box[open]").waitFor();
  await page.fill("#reg-name", resident.name);
  await page.fill("#reg-phone", resident.phone);
  await page.fill("#reg-address", resident.address);
  await page.check("#reg-consent");
  await page.click("#register button[type=submit]");
  await page.locator("#step-service:not([hidden])").waitFor();
}
