/**
 * Hostile input at the write routes added for community workers, texts and no-show:
 * setting the 居委会 phone, registering a resident, a worker's join on a resident's
 * behalf, a worker's cancel and confirm, and 居民未到. The answer is a 4xx in the error format, never a
 * 5xx; no write reaches DynamoDB; what can be observed is unchanged. Bodies that a
 * mutation left valid are skipped (they are the other tests' business).
 */
import { afterAll, beforeAll, describe, it } from "vitest";
import { routeFor } from "../../shared/routes.ts";
import { startApi, type TestApi } from "../support/api.ts";
import { eventInput, listingInput, volunteer } from "../support/builders.ts";
import { expectHostileRefused, expectRefusedUnchanged, type RouteCase } from "../support/hostile.ts";

const runs = { numRuns: 25 };

let api: TestApi;
const t: Record<string, string> = {};
let listingId = "";
let residentId = "";
let otherResidentId = "";
const b: Record<string, string> = {};

beforeAll(async () => {
  api = await startApi();
  t.staff = await api.login({ sub: "s-h1", role: "staff", name: "社工", community: "大关西苑社区" });
  t.other = await api.login({ sub: "s-h2", role: "staff", name: "社工2", community: "长乐社区" });
  t.volunteer = await api.login(volunteer(1));
  const reg = await api.request("POST", "/api/staff/residents", {
    token: t.staff,
    body: { name: "王奶奶", phone: "13700001234", consent: true },
  });
  residentId = reg.body.id;
  otherResidentId = (
    await api.request("POST", "/api/staff/residents", {
      token: t.other,
      body: { name: "孙爷爷", phone: "13700005678", consent: true },
    })
  ).body.id;
  listingId = (
    await api.request("POST", "/api/listings", { token: t.volunteer, body: listingInput({ capacity: 20 }) })
  ).body.id;
  const event = (
    await api.request("POST", "/api/listings", { token: t.volunteer, body: eventInput({ capacity: 5 }) })
  ).body.id;
  const made = await api.request("POST", `/api/listings/${event}/bookings`, {
    token: t.staff,
    body: { onBehalfOf: residentId },
  });
  b.accepted = made.body.id;
  await api.request("POST", `/api/bookings/${b.accepted}/accept`, { token: t.volunteer });
  await api.settle();
});
afterAll(() => api.close());

async function observable() {
  const l = (await api.request("GET", `/api/listings/${listingId}`)).body;
  const residents = (await api.request("GET", "/api/staff/residents", { token: t.staff })).body;
  const bookings = (await api.request("GET", "/api/staff/bookings", { token: t.staff })).body;
  const communities = (await api.request("GET", "/api/communities")).body;
  return { l, residents, bookings, communities };
}

const expectSafe = (path: string, token: string, body: unknown, raw?: string, method?: string) =>
  expectRefusedUnchanged(api, observable, path, token, body, raw, method);

const CASES: RouteCase[] = [
  {
    handler: "staff/community",
    path: () => "/api/staff/community",
    token: () => t.staff as string,
    valid: { phone: "0571-88001234" },
  },
  {
    handler: "staff/register-resident",
    path: () => "/api/staff/residents",
    token: () => t.staff as string,
    valid: { name: "李奶奶", phone: "13700009999", address: "3 幢", note: "耳背", consent: true },
  },
  {
    handler: "bookings/create",
    path: () => `/api/listings/${listingId}/bookings`,
    token: () => t.staff as string,
    valid: { onBehalfOf: residentId, note: "下午在家", preferredTime: "周六上午" },
  },
  {
    handler: "bookings/cancel",
    path: () => `/api/bookings/${b.accepted}/cancel`,
    token: () => t.staff as string,
  },
  {
    handler: "bookings/confirm",
    path: () => `/api/bookings/${b.accepted}/confirm`,
    token: () => t.staff as string,
    valid: { hours: 1.5 },
  },
  {
    handler: "bookings/no-show",
    path: () => `/api/bookings/${b.accepted}/no-show`,
    token: () => t.volunteer as string,
  },
];

describe("hostile input at the community-worker and no-show write routes", () => {
  for (const c of CASES) {
    it(`${routeFor(c.handler).method} ${routeFor(c.handler).path}`, async () => {
      await expectHostileRefused(api, observable, c, runs);
    });
  }

  it("a worker's valid bodies out of scope: another community's resident, another worker's booking", async () => {
    await expectSafe(`/api/listings/${listingId}/bookings`, t.staff as string, {
      onBehalfOf: otherResidentId,
    });
    await expectSafe(`/api/bookings/${b.accepted}/cancel`, t.other as string, undefined);
    await expectSafe(`/api/bookings/${b.accepted}/confirm`, t.other as string, {});
  });
});
