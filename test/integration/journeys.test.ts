/**
 * What issue 20's journeys need from the API, through the real API on DynamoDB Local:
 * the note a community worker typed at registration reaches the volunteer on the
 * booking once accepted (never before, never another volunteer), the worker sees it
 * always; a listing's venue address (place) is kept, shown, patched and bounded.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type TestApi } from "../support/api.ts";
import { listingInput, volunteer } from "../support/builders.ts";
import { anyJsonValue, expectRefusedUnchanged } from "../support/hostile.ts";

let api: TestApi;
const t: Record<string, string> = {};
const tok = (k: string) => t[k] as string;
const NOTE = "耳背，独居，请先敲门大声喊";

beforeAll(async () => {
  api = await startApi();
  t.staff = await api.login({ sub: "s-j1", role: "staff", name: "社工甲", community: "大关西苑社区" });
  t.v = await api.login(volunteer(1));
  t.v2 = await api.login(volunteer(2));
});
afterAll(() => api.close());

async function ok(method: string, path: string, token: string, body?: unknown) {
  const res = await api.request(method, path, { token, ...(body === undefined ? {} : { body }) });
  expect(res.status, `${method} ${path}: ${res.text}`).toBeLessThan(300);
  return res.body;
}

describe("the registration note on a worker's booking", () => {
  it("reaches the volunteer once accepted, and the worker always", async () => {
    const l = await ok("POST", "/api/listings", tok("v"), listingInput({ mode: "door" }));
    const r = await ok("POST", "/api/staff/residents", tok("staff"), {
      name: "王奶奶",
      phone: "13912345670",
      note: NOTE,
      consent: true,
    });
    const b = await ok("POST", `/api/listings/${l.id}/bookings`, tok("staff"), { onBehalfOf: r.id });
    expect(b.residentNote).toBe(NOTE);
    expect(b.bookedBy?.name).toBe("社工甲");

    const inbox = async () =>
      (
        (await ok("GET", "/api/volunteer/bookings", tok("v"))).items as {
          id: string;
          residentNote?: string;
        }[]
      ).find((x) => x.id === b.id);
    expect((await inbox())?.residentNote).toBeUndefined();
    expect((await ok("GET", `/api/bookings/${b.id}`, tok("v"))).residentNote).toBeUndefined();

    const accepted = await ok("POST", `/api/bookings/${b.id}/accept`, tok("v"));
    expect(accepted.residentNote).toBe(NOTE);
    expect((await inbox())?.residentNote).toBe(NOTE);
    expect((await ok("GET", `/api/bookings/${b.id}`, tok("staff"))).residentNote).toBe(NOTE);
    // Another volunteer sees no booking at all
    expect((await api.request("GET", `/api/bookings/${b.id}`, { token: tok("v2") })).status).toBe(403);
  });

  it("a resident's own booking has none", async () => {
    const l = await ok("POST", "/api/listings", tok("v"), listingInput());
    const rt = await api.login({ sub: "r-j1", role: "resident", name: "居民甲" });
    const b = await ok("POST", `/api/listings/${l.id}/bookings`, rt, {
      phone: "13812345671",
      note: "我自己写的",
    });
    expect(b.residentNote).toBeUndefined();
    expect(b.note).toBe("我自己写的");
  });
});

describe("a listing's venue address", () => {
  it("is kept, shown, patched and bounded", async () => {
    const l = await ok("POST", "/api/listings", tok("v"), listingInput({ place: "大关西苑社区服务站 2 楼" }));
    expect(l.place).toBe("大关西苑社区服务站 2 楼");
    expect((await ok("GET", `/api/listings/${l.id}`, tok("v"))).place).toBe("大关西苑社区服务站 2 楼");
    const patched = await ok("PATCH", `/api/listings/${l.id}`, tok("v"), { place: "长乐社区活动室" });
    expect(patched.place).toBe("长乐社区活动室");
    const long = await api.request("POST", "/api/listings", {
      token: tok("v"),
      body: listingInput({ place: "地".repeat(61) }),
    });
    expect(long.status).toBe(400);
    expect(long.body.error.code).toBe("VALIDATION_FAILED");
    expect((await ok("POST", "/api/listings", tok("v"), listingInput())).place).toBeUndefined();
  });
});

describe("a hostile venue address", () => {
  it("anything but text of at most 60 characters is a 400 that changes nothing, on create and on patch", async () => {
    const l = await ok("POST", "/api/listings", tok("v"), listingInput({ place: "社区服务站" }));
    const mine = async () => (await api.request("GET", "/api/volunteer/listings", { token: tok("v") })).body;
    const bad = fc.oneof(
      anyJsonValue.filter((v) => typeof v !== "string"),
      fc.string({ minLength: 61, maxLength: 200 }).filter((x) => [...x.trim()].length > 60),
    );
    await fc.assert(
      fc.asyncProperty(bad, async (place) => {
        await expectRefusedUnchanged(api, mine, "/api/listings", tok("v"), listingInput({ place }));
        await expectRefusedUnchanged(
          api,
          mine,
          `/api/listings/${l.id}`,
          tok("v"),
          { place },
          undefined,
          "PATCH",
        );
      }),
      { numRuns: 25 },
    );
  });
});
