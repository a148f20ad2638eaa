/**
 * The district dashboard's read side against real DynamoDB Local and the real
 * HTTP server: counters written by statsUpdates (exactly as the booking
 * transitions write them, in one TransactWriteItems per fact) must come back as
 * the totals, breakdowns, CSV and unmet-demand lists, for any date range.
 */
import { TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { MAX_DISTINCT_PER_MONTH } from "../../functions/domain/search-misses.ts";
import { type StatFact, statsUpdates } from "../../functions/domain/stats/counters.ts";
import { ddb, TABLE_NAME } from "../../functions/lib/db.ts";
import { CATEGORIES } from "../../shared/categories.ts";
import { keys } from "../../shared/keys.ts";
import { startApi, type TestApi } from "../support/api.ts";
import { admin, listingInput, resident, volunteer } from "../support/builders.ts";
import { sentCommands } from "../support/commands.ts";
import { hostileBody } from "../support/hostile.ts";

let api: TestApi;
let adminToken: string;
let vToken: string;

beforeAll(async () => {
  api = await startApi();
  adminToken = await api.login(admin());
  vToken = await api.login(volunteer(1));
});
afterAll(() => api.close());
afterEach(() => vi.useRealTimers());

const base = {
  category: "health",
  community: "长乐社区",
  branch: "区卫健系统联合党支部",
  listingId: "l-bp",
  listingTitle: "量血压测血糖",
} as const;

async function record(...facts: Partial<StatFact>[]) {
  for (const f of facts) {
    const fact = { ...base, event: "requested", at: new Date(), ...f } as StatFact;
    await ddb.send(new TransactWriteCommand({ TransactItems: statsUpdates(fact) as never }));
  }
}

const stats = async (qs: string) => {
  const res = await api.request("GET", `/api/admin/stats${qs}`, { token: adminToken });
  expect(res.status, res.text).toBe(200);
  return res.body;
};

// Three Shanghai days: 03-01, 03-02, 03-03 (03-02 starts at 2025-03-01T16:00Z).
const d1 = (h: string) => new Date(`2025-03-01T${h}Z`);
const d2 = (h: string) => new Date(`2025-03-02T${h}Z`);

describe("dashboard from counters", () => {
  beforeAll(async () => {
    // Day 1 (03-01): 3 requests for health, 1 for eco in another community and branch.
    await record(
      { event: "requested", at: d1("01:00:00") },
      { event: "requested", at: d1("02:00:00") },
      { event: "requested", at: d1("03:00:00") },
      {
        event: "requested",
        at: d1("15:59:59"),
        category: "eco",
        community: "米市巷社区",
        branch: "",
        listingId: "l-river",
        listingTitle: "河道清洁",
      },
    );
    // Day 2 (03-02 Shanghai, from 16:00Z on 03-01): accepts, a decline, an expiry.
    await record(
      { event: "accepted", at: d1("16:00:00"), hoursToAccept: 0.2, from: "requested" },
      { event: "accepted", at: d2("01:00:00"), hoursToAccept: 5, from: "requested" },
      { event: "declined", at: d2("02:00:00"), from: "requested" },
      {
        event: "expired",
        at: d2("03:00:00"),
        from: "requested",
        category: "eco",
        community: "米市巷社区",
        branch: "",
        listingId: "l-river",
        listingTitle: "河道清洁",
      },
    );
    // Day 3 (03-03): one completion with 2.5 hours and a 4-star review, one cancellation after acceptance.
    await record(
      { event: "completed", at: new Date("2025-03-03T01:00:00Z"), hours: 2.5, from: "accepted" },
      { event: "reviewed", at: new Date("2025-03-03T02:00:00Z"), stars: 4 },
      { event: "cancelled", at: new Date("2025-03-03T03:00:00Z"), from: "accepted" },
    );
  });

  it("totals a range spanning the three days", async () => {
    const s = await stats("?from=2025-03-01&to=2025-03-03");
    expect(s.totals).toEqual({
      requested: 4,
      accepted: 2,
      completed: 1,
      declined: 1,
      cancelled: 1,
      expired: 1,
      waitlisted: 0,
      promoted: 0,
      hoursServed: 2.5,
      // 1 completed of 4 outcomes (completed, declined, cancelled, expired)
      fulfilmentRate: 0.25,
      // buckets (0, 0.25] and (4, 6]: the median is the top of the first, p90 inside the second
      medianHoursToAccept: 0.3,
      p90HoursToAccept: 5.6,
      ratingAvg: 4,
      ratingCount: 1,
      noShow: 0,
      sessionsHeld: 0,
      fillRate: null,
      // needs (群众点单): none in this range
      needs: { posted: 0, claimed: 0, fulfilled: 0, expired: 0, medianHoursToClaim: null },
    });
    expect(s.byDay.map((d: { key: string; requested: number }) => [d.key, d.requested])).toEqual([
      ["2025-03-01", 4],
      ["2025-03-02", 0],
      ["2025-03-03", 0],
    ]);
    expect(s.byDay[1]).toMatchObject({ accepted: 2, declined: 1, expired: 1 });
    expect(s.byDay[2]).toMatchObject({ completed: 1, cancelled: 1, hoursServed: 2.5, ratingAvg: 4 });
  });

  it("breaks down by category (all 8), community and branch", async () => {
    const s = await stats("?from=2025-03-01&to=2025-03-03");
    expect(s.byCategory.map((c: { key: string }) => c.key)).toEqual(CATEGORIES.map((c) => c.slug));
    expect(s.byCategory.find((c: { key: string }) => c.key === "health")).toMatchObject({
      name: "医疗健康",
      requested: 3,
      accepted: 2,
      completed: 1,
      declined: 1,
      cancelled: 1,
      fulfilmentRate: 0.333,
    });
    expect(s.byCategory.find((c: { key: string }) => c.key === "eco")).toMatchObject({
      requested: 1,
      expired: 1,
      fulfilmentRate: 0,
    });
    expect(s.byCategory.find((c: { key: string }) => c.key === "safety")).toMatchObject({
      requested: 0,
      fulfilmentRate: null,
      medianHoursToAccept: null,
    });
    expect(s.byCommunity.map((c: { key: string; requested: number }) => [c.key, c.requested])).toEqual([
      ["长乐社区", 3],
      ["米市巷社区", 1],
    ]);
    expect(s.byBranch.map((b: { name: string; requested: number }) => [b.name, b.requested])).toEqual([
      ["区卫健系统联合党支部", 3],
      ["未填写支部", 1],
    ]);
  });

  it("reads only the days asked for, by the Shanghai calendar day", async () => {
    const day1 = await stats("?from=2025-03-01&to=2025-03-01");
    expect(day1.totals).toMatchObject({ requested: 4, accepted: 0 });
    const day2 = await stats("?from=2025-03-02&to=2025-03-02");
    expect(day2.totals).toMatchObject({ requested: 0, accepted: 2, declined: 1, expired: 1, completed: 0 });
    expect(day2.byDay).toHaveLength(1);
  });

  it("lists declined and expired requests by listing", async () => {
    const s = await stats("?from=2025-03-01&to=2025-03-03");
    expect(s.unmet.expiredOrDeclined).toEqual([
      // a tie (1 each): by title in pinyin order, 河 (he) before 量 (liang)
      {
        listingId: "l-river",
        title: "河道清洁",
        category: "eco",
        community: "米市巷社区",
        declined: 0,
        expired: 1,
      },
      {
        listingId: "l-bp",
        title: "量血压测血糖",
        category: "health",
        community: "长乐社区",
        declined: 1,
        expired: 0,
      },
    ]);
    // monthly: a range within March lists March's, one in April none
    expect((await stats("?from=2025-03-03&to=2025-03-03")).unmet.expiredOrDeclined).toHaveLength(2);
    const april = await stats("?from=2025-04-01&to=2025-04-30");
    expect(april.unmet.expiredOrDeclined).toEqual([]);
    expect(april.unmet.months).toEqual({ from: "2025-04", to: "2025-04" });
  });

  it("defaults to the last 30 days up to today in Shanghai", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2025-03-30T17:00:00Z")); // 2025-03-31 in Shanghai
    const s = await stats("");
    expect([s.from, s.to]).toEqual(["2025-03-02", "2025-03-31"]);
    expect(s.byDay).toHaveLength(30);
    expect(s.totals).toMatchObject({ requested: 0, accepted: 2, completed: 1 });
  });

  it("costs the same DynamoDB requests however many counters (7 Queries + 1 BatchGetItem)", async () => {
    sentCommands.length = 0;
    await stats("?from=2025-03-01&to=2025-03-03");
    const small = [...sentCommands].sort();
    // 20 more days of facts
    const more: Partial<StatFact>[] = [];
    for (let i = 0; i < 20; i++)
      more.push(
        { event: "requested", at: new Date(Date.UTC(2025, 3, 1 + i, 4)) },
        { event: "completed", at: new Date(Date.UTC(2025, 3, 1 + i, 5)), hours: 1 },
      );
    await record(...more);
    sentCommands.length = 0;
    const s = await stats("?from=2025-03-01&to=2025-06-30");
    expect(s.totals.requested).toBe(24);
    expect([...sentCommands].sort()).toEqual(small);
    // 6 Queries of counters, and one of the needs nobody has claimed (needs, 群众点单)
    expect(small).toEqual(["BatchGetItem", "Query", "Query", "Query", "Query", "Query", "Query", "Query"]);
  });
});

describe("waitlists", () => {
  it("shows listings with people waiting, and drops them as the waitlist empties", async () => {
    const w = { listingId: "l-dance", listingTitle: "广场舞教学", category: "culture" } as const;
    await record({ ...w, event: "waitlisted" }, { ...w, event: "waitlisted" }, { ...w, event: "waitlisted" });
    let s = await stats("");
    expect(s.unmet.waitlists).toEqual([{ listingId: "l-dance", title: "广场舞教学", waitlistCount: 3 }]);
    expect(s.totals.waitlisted).toBeGreaterThanOrEqual(3);
    await record({ ...w, event: "promoted", from: "waitlisted", hoursToAccept: undefined });
    await record({ ...w, event: "cancelled", from: "waitlisted" });
    s = await stats("");
    expect(s.unmet.waitlists).toEqual([{ listingId: "l-dance", title: "广场舞教学", waitlistCount: 1 }]);
    await record({ ...w, event: "expired", from: "waitlisted" });
    expect((await stats("")).unmet.waitlists).toEqual([]);
  });
});

describe("search misses", () => {
  it("counts searches that found nothing, normalized, by month", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2025-05-10T04:00:00Z"));
    for (const q of ["修电脑", "  修电脑 ", "ＰＡＤ教学", "pad教学", "修电脑"]) {
      const res = await api.request("POST", "/api/searches/misses", { body: { q } });
      expect(res.status, res.text).toBe(204);
    }
    vi.setSystemTime(new Date("2025-05-31T16:30:00Z")); // 2025-06-01 in Shanghai
    await api.request("POST", "/api/searches/misses", { body: { q: "上门理发" } });
    const s = await stats("?from=2025-05-10&to=2025-06-01");
    expect(s.unmet.searchMisses).toEqual([
      { q: "修电脑", count: 3 },
      { q: "pad教学", count: 2 },
      { q: "上门理发", count: 1 },
    ]);
    const june = await stats("?from=2025-06-01&to=2025-06-30");
    expect(june.unmet.searchMisses).toEqual([{ q: "上门理发", count: 1 }]);
  });

  it("a month that holds MAX_DISTINCT_PER_MONTH texts drops new ones and keeps counting the old", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2025-09-10T04:00:00Z"));
    const miss = (q: string) => api.request("POST", "/api/searches/misses", { body: { q } });
    expect((await miss("修自行车")).status).toBe(204);
    // The month's distinct slots all taken (as 500 texts would have taken them)
    await ddb.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: keys.searchMissCap("2025-09"),
        UpdateExpression: "SET #distinct = :max",
        ExpressionAttributeNames: { "#distinct": "distinct" },
        ExpressionAttributeValues: { ":max": MAX_DISTINCT_PER_MONTH },
      }),
    );
    expect((await miss("修收音机")).status).toBe(204);
    expect((await miss("修自行车")).status).toBe(204);
    expect((await stats("?from=2025-09-01&to=2025-09-30")).unmet.searchMisses).toEqual([
      { q: "修自行车", count: 2 },
    ]);
  });

  it("refuses empty or over-long text with a 400 and counts nothing", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2025-08-20T04:00:00Z"));
    for (const body of [
      { q: "" },
      { q: "   " },
      { q: "字".repeat(31) },
      { q: 5 },
      {},
      { q: "x", extra: 1 },
    ]) {
      const res = await api.request("POST", "/api/searches/misses", { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
    const res = await api.request("POST", "/api/searches/misses", { body: { q: "\u200b\u0000" } });
    expect(res.status).toBe(400);
    expect((await stats("?from=2025-08-20&to=2025-08-20")).unmet.searchMisses).toEqual([]);
  });
});

describe("search misses under hostile input", () => {
  it("answers any body with 204 or a 400 in the error format, never a 500", async () => {
    await fc.assert(
      fc.asyncProperty(hostileBody({ q: "修电脑" }), async (body) => {
        const res = await api.request("POST", "/api/searches/misses", { body });
        expect([204, 400], res.text).toContain(res.status);
        if (res.status === 400) expect(res.body.error.code).toMatch(/^[A-Z_]+$/);
      }),
      { numRuns: 60 },
    );
  });
});

describe("empty categories and communities", () => {
  it("lists categories and communities without a live offering, following publish and pause", async () => {
    const a = await api.request("POST", "/api/listings", {
      token: vToken,
      body: listingInput({ category: "safety", community: "信义坊社区", title: "防诈骗宣传" }),
    });
    expect(a.status).toBe(201);
    let s = await stats("");
    expect(s.unmet.emptyCategories.map((c: { key: string }) => c.key)).not.toContain("safety");
    expect(s.unmet.emptyCategories.map((c: { key: string }) => c.key)).toContain("donation");
    expect(s.unmet.emptyCategories.find((c: { key: string }) => c.key === "donation").name).toBe("爱心捐赠");
    expect(s.unmet.emptyCommunities).not.toContain("信义坊社区");
    const paused = await api.request("POST", `/api/admin/listings/${a.body.id}/pause`, {
      token: adminToken,
      body: { reason: "内容待核实" },
    });
    expect(paused.status, paused.text).toBe(200);
    s = await stats("");
    expect(s.unmet.emptyCommunities).toContain("信义坊社区");
    expect(s.unmet.emptyCategories.map((c: { key: string }) => c.key)).toContain("safety");
  });
});

describe("CSV", () => {
  it("is UTF-8 with a BOM, one row per total/day/category/community/branch", async () => {
    const res = await fetch(`${api.url}/api/admin/stats.csv?from=2025-03-01&to=2025-03-03`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toContain("stats-2025-03-01-2025-03-03.csv");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split("\r\n");
    expect(lines[0]?.split(",").slice(0, 6)).toEqual(["分组", "名称", "请求", "候补", "候补转正", "接单"]);
    expect(lines[1]).toBe("合计,2025-03-01 至 2025-03-03,4,0,0,2,1,1,1,1,2.5,0.25,0.3,5.6,4,1,0,0,,0,0,0,0,");
    expect(lines).toContain("按日,2025-03-02,0,0,0,2,0,1,0,1,0,0,0.3,5.6,,0,0,0,,,,,,");
    expect(lines).toContain("按社区,米市巷社区,1,0,0,0,0,0,0,1,0,0,,,,0,0,0,,0,0,0,0,");
    expect(lines).toContain("按支部,未填写支部,1,0,0,0,0,0,0,1,0,0,,,,0,0,0,,,,,,");
    expect(lines.filter((l) => l.startsWith("按类别,"))).toHaveLength(8);
    // 1 total + 3 days + 8 categories + 2 communities + 2 branches + header
    expect(lines).toHaveLength(17);
  });
});

describe("access and bad input", () => {
  it("is for admins only", async () => {
    expect((await api.request("GET", "/api/admin/stats")).status).toBe(401);
    const r = await api.login(resident(1));
    expect((await api.request("GET", "/api/admin/stats", { token: r })).status).toBe(403);
    expect((await api.request("GET", "/api/admin/stats.csv", { token: vToken })).status).toBe(403);
  });

  it("refuses reversed, over-long and impossible ranges with a 400", async () => {
    for (const qs of [
      "?from=2025-03-03&to=2025-03-01",
      "?from=2024-01-01&to=2025-01-01",
      "?from=2025-02-30",
      "?to=2025-13-01",
      "?from=yesterday",
    ]) {
      const res = await api.request("GET", `/api/admin/stats${qs}`, { token: adminToken });
      expect(res.status, qs).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
    expect(
      (await api.request("GET", "/api/admin/stats?from=2024-01-01&to=2024-12-31", { token: adminToken }))
        .status,
    ).toBe(200);
  });

  it("answers any query string with 200 or a 400 in the error format, never a 500", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          from: fc.option(fc.string({ maxLength: 12 })),
          to: fc.option(fc.string({ maxLength: 12 })),
        }),
        fc.boolean(),
        async (q, csv) => {
          const params = new URLSearchParams();
          if (q.from !== null) params.set("from", q.from);
          if (q.to !== null) params.set("to", q.to);
          const res = await api.request("GET", `/api/admin/stats${csv ? ".csv" : ""}?${params}`, {
            token: adminToken,
          });
          expect([200, 400]).toContain(res.status);
          if (res.status === 400) expect(res.body.error.code).toBe("VALIDATION_FAILED");
        },
      ),
      { numRuns: 60 },
    );
  });
});
