/** Browser-test steps shared by the e2e files: signing in as a demo person the way a user does. */
import type { Page } from "playwright-core";
import type { Person, TestApi } from "./api.ts";

export type DemoPerson = Person & { name: string };

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
