/**
 * Hostile input at the need routes (群众点单): posting (a resident's own, a worker's
 * for a registered resident), claim, dispatch, release, cancel and an admin's hide.
 * The answer is a 4xx in the error format, never a 5xx; no write reaches DynamoDB;
 * the board, her needs and her bookings are unchanged. Bodies a mutation left valid
 * are skipped (they are the other tests' business).
 */
import { afterAll, beforeAll, describe, it } from "vitest";
import { routeFor } from "../../shared/routes.ts";
import { startApi, type TestApi } from "../support/api.ts";
import { admin, resident, volunteer } from "../support/builders.ts";
import { expectHostileRefused, expectRefusedUnchanged, type RouteCase } from "../support/hostile.ts";

const runs = { numRuns: 25 };
const COMMUNITY = "大关西苑社区";

let api: TestApi;
const t: Record<string, string> = {};
let open = "";
let claimed = "";
let residentId = "";

beforeAll(async () => {
  api = await startApi();
  t.r = await api.login(resident(1));
  t.v = await api.login(volunteer(1));
  t.admin = await api.login(admin());
  t.staff = await api.login({ sub: "s-hn1", role: "staff", name: "社工", community: COMMUNITY });
  await api.request("PUT", "/api/me", { token: t.v, body: { community: COMMUNITY } });
  residentId = (
    await api.request("POST", "/api/staff/residents", {
      token: t.staff,
      body: { name: "王奶奶", phone: "13700001234", consent: true },
    })
  ).body.id;
  const body = {
    category: "convenience",
    title: "修水龙头",
    community: COMMUNITY,
    mode: "door",
    phone: "13900001111",
  };
  open = (await api.request("POST", "/api/needs", { token: t.r, body })).body.id;
  claimed = (await api.request("POST", "/api/needs", { token: t.r, body })).body.id;
  await api.request("POST", `/api/needs/${claimed}/claim`, { token: t.v });
  await api.settle();
});
afterAll(() => api.close());

async function observable() {
  const board = (await api.request("GET", "/api/needs", { token: t.v })).body;
  const mine = (await api.request("GET", "/api/me/needs", { token: t.r })).body;
  const bookings = (await api.request("GET", "/api/me/bookings", { token: t.r })).body;
  const desk = (await api.request("GET", "/api/staff/needs", { token: t.staff })).body;
  return { board, mine, bookings, desk };
}

const CASES: RouteCase[] = [
  {
    handler: "needs/create",
    path: () => "/api/needs",
    token: () => t.r as string,
    valid: {
      category: "convenience",
      title: "修水龙头",
      description: "厨房水龙头滴水",
      community: COMMUNITY,
      mode: "door",
      when: { date: "2030-01-05", part: "morning" },
      phone: "13900002222",
      address: "5 幢 302",
    },
  },
  {
    handler: "needs/create",
    path: () => "/api/needs",
    token: () => t.staff as string,
    valid: {
      category: "health",
      title: "量血压",
      community: COMMUNITY,
      mode: "venue",
      onBehalfOf: residentId,
    },
  },
  { handler: "needs/claim", path: () => `/api/needs/${open}/claim`, token: () => t.v as string },
  {
    handler: "needs/assign",
    path: () => `/api/needs/${open}/assign`,
    token: () => t.staff as string,
    valid: { volunteerId: volunteer(1).sub },
  },
  {
    handler: "needs/release",
    path: () => `/api/needs/${claimed}/release`,
    token: () => t.v as string,
    valid: { reason: "临时有事" },
  },
  { handler: "needs/cancel", path: () => `/api/needs/${open}/cancel`, token: () => t.r as string },
  {
    handler: "admin/hide-need",
    path: () => `/api/admin/needs/${open}/hide`,
    token: () => t.admin as string,
    valid: { reason: "广告" },
  },
];

describe("hostile input at the need routes", () => {
  for (const [i, c] of CASES.entries()) {
    it(`${routeFor(c.handler).method} ${routeFor(c.handler).path} (${i})`, async () => {
      await expectHostileRefused(api, observable, c, runs);
    });
  }

  it("over-long titles and descriptions are refused with 400 and change nothing", async () => {
    const base = { category: "convenience", community: COMMUNITY, mode: "door", phone: "13900003333" };
    await expectRefusedUnchanged(api, observable, "/api/needs", t.r as string, {
      ...base,
      title: "修".repeat(31),
    });
    await expectRefusedUnchanged(api, observable, "/api/needs", t.r as string, { ...base, title: "修" });
    await expectRefusedUnchanged(api, observable, "/api/needs", t.r as string, {
      ...base,
      title: "修水龙头",
      description: "滴".repeat(301),
    });
  });
});
