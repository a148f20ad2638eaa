import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATEGORIES } from "../../shared/categories.ts";
import { startApi, type TestApi } from "../support/api.ts";
import { listingInput, resident, volunteer } from "../support/builders.ts";
import { sentCommands } from "../support/commands.ts";

let api: TestApi;
let vToken: string;
let v2Token: string;
let rToken: string;

beforeAll(async () => {
  api = await startApi();
  vToken = await api.login(volunteer(1));
  v2Token = await api.login(volunteer(2));
  rToken = await api.login(resident(1));
});
afterAll(() => api.close());

async function create(overrides: Record<string, unknown> = {}, token = vToken) {
  const res = await api.request("POST", "/api/listings", { token, body: listingInput(overrides) });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

describe("catalogue", () => {
  it("answers health and lists the 8 categories with live counts", async () => {
    // Prepare
    await create({ category: "health", title: "量血压测血糖" });
    await create({ category: "health", title: "健康讲座", status: "draft" });
    // Act
    const health = await api.request("GET", "/api/health");
    const cats = await api.request("GET", "/api/categories");
    // Assess
    expect(health.status).toBe(200);
    expect(cats.body.items.map((c: { slug: string }) => c.slug)).toEqual(CATEGORIES.map((c) => c.slug));
    expect(cats.body.items.find((c: { slug: string }) => c.slug === "health")).toMatchObject({
      name: "医疗健康",
      listingCount: 1,
    });
  });

  it("lists communities with their live counts", async () => {
    await create({ community: "拱宸桥社区", title: "夜间巡防" });
    await create({ community: "拱宸桥社区", title: "草稿巡防", status: "draft" });
    const res = await api.request("GET", "/api/communities");
    expect(res.status).toBe(200);
    expect(res.body.items).toContainEqual({ name: "拱宸桥社区", listingCount: 1 });
  });

  it("creates a listing for the volunteer and shows it publicly, with no price field anywhere", async () => {
    const created = await create({ title: "家电维修", category: "convenience" });
    const got = await api.request("GET", `/api/listings/${created.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      title: "家电维修",
      status: "published",
      volunteer: { id: "v-t1", name: "志愿者1" },
      seatsTaken: 0,
    });
    expect(JSON.stringify(got.body)).not.toMatch(/price/i);
  });

  it("keeps drafts invisible to the public and visible to their owner", async () => {
    const draft = await create({ title: "草稿服务", status: "draft" });
    expect((await api.request("GET", `/api/listings/${draft.id}`)).status).toBe(404);
    const all = await api.request("GET", "/api/listings?limit=50");
    expect(all.body.items.map((l: { id: string }) => l.id)).not.toContain(draft.id);
    const mine = await api.request("GET", "/api/volunteer/listings", { token: vToken });
    expect(mine.body.items.map((l: { id: string }) => l.id)).toContain(draft.id);
    const search = await api.request("GET", `/api/listings?q=${encodeURIComponent("草稿")}`);
    expect(search.body.items).toEqual([]);
  });

  it("lets only the owner patch, and moves status through allowed steps", async () => {
    const l = await create({ title: "周末上门打扫" });
    const other = await api.request("PATCH", `/api/listings/${l.id}`, {
      token: v2Token,
      body: { title: "抢来的" },
    });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe("NOT_OWNER");
    const asResident = await api.request("PATCH", `/api/listings/${l.id}`, {
      token: rToken,
      body: { title: "抢来的" },
    });
    expect(asResident.status).toBe(403);
    const anon = await api.request("PATCH", `/api/listings/${l.id}`, { body: { title: "抢来的" } });
    expect(anon.status).toBe(401);
    const paused = await api.request("PATCH", `/api/listings/${l.id}`, {
      token: vToken,
      body: { status: "paused", title: "周末上门打扫（暂停）" },
    });
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ status: "paused", title: "周末上门打扫（暂停）" });
    expect((await api.request("GET", `/api/listings/${l.id}`)).status).toBe(404);
    const closed = await api.request("PATCH", `/api/listings/${l.id}`, {
      token: vToken,
      body: { status: "closed" },
    });
    expect(closed.body.status).toBe("closed");
    const reopen = await api.request("PATCH", `/api/listings/${l.id}`, {
      token: vToken,
      body: { status: "published" },
    });
    expect(reopen.status).toBe(409);
  });

  it("pages through every published listing exactly once, for each sort", async () => {
    for (let i = 0; i < 23; i++)
      await create({
        title: `分页测试服务${i}`,
        category: "eco",
        community: i % 2 ? "长乐社区" : "东新园社区",
      });
    for (const sort of ["new", "rating", "popular"]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const qs = new URLSearchParams({ category: "eco", sort, limit: "5", ...(cursor ? { cursor } : {}) });
        const page = await api.request("GET", `/api/listings?${qs}`);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(5);
        seen.push(...page.body.items.map((l: { id: string }) => l.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(23);
      expect(new Set(seen).size).toBe(23);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const qs = new URLSearchParams({
        category: "eco",
        community: "长乐社区",
        limit: "4",
        ...(cursor ? { cursor } : {}),
      });
      const page = await api.request("GET", `/api/listings?${qs}`);
      for (const l of page.body.items) expect(l.community).toBe("长乐社区");
      seen.push(...page.body.items.map((l: { id: string }) => l.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(11);
  });

  it("finds Chinese substrings of titles and descriptions", async () => {
    await create({ title: "义务理发", description: "为老人剪发修面" });
    await create({ title: "小家电维修站", description: "电视洗衣机检修" });
    await api.settle(); // the search index follows from the stream
    const hair = await api.request("GET", `/api/listings?q=${encodeURIComponent("理发")}`);
    expect(hair.body.items.map((l: { title: string }) => l.title)).toContain("义务理发");
    const appliance = await api.request("GET", `/api/listings?q=${encodeURIComponent("家电")}`);
    expect(appliance.body.items.map((l: { title: string }) => l.title).sort()).toEqual([
      "家电维修",
      "小家电维修站",
    ]);
    const desc = await api.request("GET", `/api/listings?q=${encodeURIComponent("洗衣机")}`);
    // The exact words first, then what the word list says 洗衣机 is about (家电维修: search.test.ts).
    expect(desc.body.items.map((l: { title: string }) => l.title)).toEqual(["小家电维修站", "家电维修"]);
    const none = await api.request("GET", `/api/listings?q=${encodeURIComponent("潜水艇")}`);
    expect(none.body).toEqual({ items: [], nextCursor: null });
  });

  it("shows a volunteer's public shop with only live listings", async () => {
    const live = await create({ title: "书法课" }, v2Token);
    const draft = await create({ title: "书法草稿", status: "draft" }, v2Token);
    const shop = await api.request("GET", "/api/volunteers/v-t2");
    expect(shop.status).toBe(200);
    expect(shop.body.volunteer).toMatchObject({
      id: "v-t2",
      name: "志愿者2",
      branch: "大关街道第一党支部",
      hoursServed: 0,
    });
    const ids = shop.body.listings.map((l: { id: string }) => l.id);
    expect(ids).toContain(live.id);
    expect(ids).not.toContain(draft.id);
    expect((await api.request("GET", "/api/volunteers/nobody")).status).toBe(404);
  });

  it("costs one DynamoDB request per read (search and filters the indexes do not key: one Query of the search index's changes plus one BatchGetItem)", async () => {
    const l = await create({ title: "智能手机教学" });
    await api.settle();
    // The first search after a change that moves the index ranks again and reads the page's
    // listings it had not read (its first read overlaps the changes' Query): one more BatchGetItem.
    sentCommands.length = 0;
    expect((await api.request("GET", `/api/listings?q=${encodeURIComponent("教学")}`)).status).toBe(200);
    expect(sentCommands.slice(0, 2)).toEqual(["Query", "BatchGetItem"]);
    expect(sentCommands.slice(2)).toEqual(sentCommands.length > 2 ? ["BatchGetItem"] : []);
    const reads: [string, string[]][] = [
      ["/api/categories", ["GetItem"]],
      ["/api/listings?limit=5", ["Query"]],
      ["/api/listings?category=convenience&sort=rating", ["Query"]],
      [
        "/api/listings?category=convenience&sort=rating&community=大关西苑社区&kind=on_demand",
        ["Query", "BatchGetItem"],
      ],
      [`/api/listings/${l.id}`, ["GetItem"]],
      ["/api/volunteers/v-t1", ["Query"]],
      [`/api/listings?q=${encodeURIComponent("手机")}`, ["Query", "BatchGetItem"]],
    ];
    for (const [path, expected] of reads) {
      sentCommands.length = 0;
      const res = await api.request("GET", path);
      expect(res.status, path).toBe(200);
      expect(sentCommands, path).toEqual(expected);
      expect(sentCommands).not.toContain("Scan");
    }
  });

  it("serves the OpenAPI document generated from the schemas", async () => {
    const doc = await api.request("GET", "/api/openapi.json");
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe("3.1.0");
    expect(
      doc.body.paths["/api/listings"].post.requestBody.content["application/json"].schema.properties.category
        .enum,
    ).toHaveLength(8);
    expect(doc.body.paths["/api/listings/{id}"].get.responses["200"]).toBeDefined();
  });

  it("refuses bodies over 64 KiB with 413 and unknown routes with 404, in the error format", async () => {
    const big = await api.request("POST", "/api/listings", {
      token: vToken,
      body: listingInput({ description: "字".repeat(70_000) }),
    });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe("PAYLOAD_TOO_LARGE");
    const none = await api.request("GET", "/api/nothing-here");
    expect(none.status).toBe(404);
    expect(none.body.error).toBeDefined();
  });
});
