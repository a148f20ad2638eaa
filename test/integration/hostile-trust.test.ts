/**
 * Hostile input at the trust-and-safety routes (issue 19, items 3–6): an admin's
 * resume, erasing my account, withdrawing a registered resident, and completing or
 * confirming before the service's time or beyond its length. The answer is a 4xx
 * in the error format, never a 5xx; no write reaches DynamoDB; what can be
 * observed is unchanged.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { routeFor } from "../../shared/routes.ts";
import { startApi, type TestApi } from "../support/api.ts";
import { admin, eventInput, listingInput, resident, volunteer } from "../support/builders.ts";
import { expectHostileRefused, expectRefusedUnchanged, type RouteCase } from "../support/hostile.ts";

const runs = { numRuns: 20 };
const HOUR = 3_600_000;

let api: TestApi;
const t: Record<string, string> = {};
const ids: Record<string, string> = {};
const codes: Record<string, string> = {};

beforeAll(async () => {
  api = await startApi();
  t.admin = await api.login(admin());
  t.v = await api.login(volunteer(81));
  t.r = await api.login(resident(81));
  t.staff = await api.login({ sub: "s-ht1", role: "staff", name: "社工", community: "大关西苑社区" });
  t.other = await api.login({ sub: "s-ht2", role: "staff", name: "社工2", community: "长乐社区" });
  const post = (path: string, token: string, body?: unknown) =>
    api.request("POST", path, { token, ...(body !== undefined ? { body } : {}) });
  ids.paused = (await post("/api/listings", t.v, listingInput())).body.id;
  await post(`/api/admin/listings/${ids.paused}/pause`, t.admin, { reason: "核实中" });
  ids.resident = (
    await post("/api/staff/residents", t.staff, { name: "王奶奶", phone: "13700008101", consent: true })
  ).body.id;
  // An accepted booking three days ahead, and one of an event that lasts an hour and started an hour ago
  const future = (
    await post("/api/listings", t.v, eventInput({ startsAt: new Date(Date.now() + 72 * HOUR).toISOString() }))
  ).body.id;
  const now = (
    await post(
      "/api/listings",
      t.v,
      eventInput({
        startsAt: new Date(Date.now() - HOUR).toISOString(),
        endsAt: new Date(Date.now()).toISOString(),
      }),
    )
  ).body.id;
  for (const [name, listing] of [
    ["future", future],
    ["short", now],
  ] as const) {
    const j = await post(`/api/listings/${listing}/bookings`, t.r, { phone: "13700008102" });
    ids[name] = j.body.id;
    codes[name] = j.body.completionCode;
    await post(`/api/bookings/${j.body.id}/accept`, t.v);
  }
  await api.settle();
});
afterAll(() => api.close());

async function observable() {
  const mine = (await api.request("GET", "/api/volunteer/listings", { token: t.v })).body;
  const residents = (await api.request("GET", "/api/staff/residents", { token: t.staff })).body;
  const me = (await api.request("GET", "/api/me", { token: t.r })).body;
  const bookings = (await api.request("GET", "/api/me/bookings", { token: t.r })).body;
  return { mine, residents, me, bookings };
}

const expectSafe = (path: string, token: string, body: unknown, raw?: string, method = "POST") =>
  expectRefusedUnchanged(api, observable, path, token, body, raw, method);

const CASES: RouteCase[] = [
  {
    handler: "admin/resume-listing",
    path: () => `/api/admin/listings/${ids.paused}/resume`,
    token: () => t.admin as string,
  },
  { handler: "me/erase", path: () => "/api/me", token: () => t.r as string },
  {
    handler: "staff/erase-resident",
    path: () => `/api/staff/residents/${ids.resident}`,
    token: () => t.staff as string,
  },
];

describe("hostile input at the trust-and-safety routes", () => {
  for (const c of CASES) {
    const { method, path } = routeFor(c.handler);
    it(`${method} ${path}: any body is refused, and nothing changes`, async () => {
      await expectHostileRefused(api, observable, c, runs);
    });
  }

  it("refuses hostile path ids and another community's worker without writing", async () => {
    for (const id of ["%00", "x".repeat(80), "a b", "..%2F..%2Fetc", "rr_none"]) {
      await expectSafe(`/api/staff/residents/${id}`, t.staff as string, undefined, undefined, "DELETE");
      await expectSafe(`/api/admin/listings/${id}/resume`, t.admin as string, undefined);
    }
    await expectSafe(
      `/api/staff/residents/${ids.resident}`,
      t.other as string,
      undefined,
      undefined,
      "DELETE",
    );
    await expectSafe("/api/me", t.admin as string, undefined, undefined, "DELETE");
    // The owner republishing an admin's pause
    await expectSafe(
      `/api/listings/${ids.paused}`,
      t.v as string,
      { status: "published" },
      undefined,
      "PATCH",
    );
  });

  it("refuses completing or confirming before the start or beyond the length, without writing", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 24 }), async (halfHours) => {
        const hours = halfHours / 2;
        await expectSafe(`/api/bookings/${ids.future}/complete`, t.v as string, {
          hours,
          code: codes.future,
        });
        await expectSafe(`/api/bookings/${ids.future}/confirm`, t.r as string, { hours });
        if (hours > 1) {
          await expectSafe(`/api/bookings/${ids.short}/complete`, t.v as string, {
            hours,
            code: codes.short,
          });
          await expectSafe(`/api/bookings/${ids.short}/confirm`, t.r as string, { hours });
        }
      }),
      { numRuns: 15 },
    );
  });
});
