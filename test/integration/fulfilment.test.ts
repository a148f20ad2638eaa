/**
 * Bookings driven through every outcome over the real HTTP API, across three
 * days (the clock set with vi.setSystemTime): the dashboard, its CSV, the
 * unmet-demand lists, the rankings and the volunteer's certificate must move
 * exactly as the transitions happened.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { expireOpenRequests } from "../../functions/domain/bookings/expire.ts";
import { startApi, type TestApi } from "../support/api.ts";
import { admin, eventInput, listingInput, resident, volunteer } from "../support/builders.ts";

let api: TestApi;
let adminToken: string;
let vToken: string;
const r: string[] = [];

// Shanghai 09:00 on 2025-06-02, 06-03 and 06-04 (the third at 10:00 so the first requests are past 48 h)
const DAY_A = new Date("2025-06-02T01:00:00Z");
const DAY_B = new Date("2025-06-03T01:00:00Z");
const DAY_C = new Date("2025-06-04T02:00:00Z");
const RANGE = "?from=2025-06-02&to=2025-06-04";

/** Set the clock (handlers included: the server runs in-process) and sign everyone in again at that time. */
async function at(time: Date) {
  vi.setSystemTime(time);
  adminToken = await api.login(admin());
  vToken = await api.login(volunteer(7));
  for (let i = 0; i < 4; i++) r[i] = await api.login(resident(71 + i));
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(DAY_A);
  api = await startApi();
});
afterAll(async () => {
  vi.useRealTimers();
  await api.close();
});

async function call(method: string, path: string, token: string, body?: unknown, expected = 200) {
  const res = await api.request(method, path, { token, ...(body !== undefined ? { body } : {}) });
  expect(res.status, `${method} ${path}: ${res.text}`).toBe(expected);
  return res.body;
}
const book = (listingId: string, token: string) =>
  call(
    "POST",
    `/api/listings/${listingId}/bookings`,
    token,
    { phone: "13812345678", address: "1 幢 101" },
    201,
  );
const stats = (qs = RANGE) => call("GET", `/api/admin/stats${qs}`, adminToken);

describe("fulfilment through the booking API", () => {
  let haircut: { id: string; title: string };
  let dance: { id: string; title: string };
  const b: Record<string, { id: string; completionCode?: string }> = {};

  it("day A: requests and a waitlist are counted", async () => {
    await at(DAY_A);
    haircut = await call(
      "POST",
      "/api/listings",
      vToken,
      listingInput({ title: "义务理发", capacity: 5 }),
      201,
    );
    dance = await call(
      "POST",
      "/api/listings",
      vToken,
      eventInput({ title: "广场舞教学", capacity: 1, community: "和睦新村社区" }),
      201,
    );
    for (let i = 0; i < 4; i++) b[`h${i}`] = await book(haircut.id, r[i] as string);
    b.d0 = await book(dance.id, r[0] as string);
    b.d1 = await book(dance.id, r[1] as string);
    expect(b.d1).toMatchObject({ status: "waitlisted" });

    await api.settle();
    const s = await stats();
    expect(s.totals).toMatchObject({ requested: 5, waitlisted: 1, accepted: 0, fulfilmentRate: null });
    expect(s.byDay.map((d: { requested: number }) => d.requested)).toEqual([5, 0, 0]);
    expect(s.unmet.waitlists).toEqual([{ listingId: dance.id, title: "广场舞教学", waitlistCount: 1 }]);
    expect(
      s.byCommunity.map((c: { key: string; requested: number; waitlisted: number }) => [
        c.key,
        c.requested,
        c.waitlisted,
      ]),
    ).toEqual([
      ["大关西苑社区", 4, 0],
      ["和睦新村社区", 1, 1],
    ]);
  });

  it("day B: accept after 24 h, a decline, a cancellation that promotes the waitlist", async () => {
    await at(DAY_B);
    await call("POST", `/api/bookings/${b.h0?.id}/accept`, vToken, undefined);
    await call("POST", `/api/bookings/${b.h1?.id}/decline`, vToken, { reason: "本周已约满" });
    await call("POST", `/api/bookings/${b.d0?.id}/cancel`, r[0] as string, undefined);

    await api.settle();
    const s = await stats();
    expect(s.totals).toMatchObject({ accepted: 1, declined: 1, cancelled: 1, promoted: 1 });
    // one acceptance after 24 h: in the (16, 24] bucket, interpolated
    expect(s.totals.medianHoursToAccept).toBe(20);
    expect(s.byDay[1]).toMatchObject({
      key: "2025-06-03",
      accepted: 1,
      declined: 1,
      cancelled: 1,
      promoted: 1,
    });
    expect(s.unmet.waitlists).toEqual([]);
  });

  it("day C: completion with hours and a review; unanswered requests expire", async () => {
    await at(DAY_C);
    await api.settle();
    const rankBefore = await call("GET", "/api/rankings?by=volunteer", adminToken);
    const before = rankBefore.items.find((i: { id: string }) => i.id === "v-t7");
    await call("POST", `/api/bookings/${b.h0?.id}/complete`, vToken, {
      hours: 2.5,
      code: b.h0?.completionCode,
    });
    await call(
      "POST",
      `/api/bookings/${b.h0?.id}/review`,
      r[0] as string,
      { stars: 5, comment: "很好" },
      201,
    );
    const expired = await expireOpenRequests(new Date());
    expect(expired.expired).toBe(2); // h2 and h3, opened on day A; the promoted dance booking is younger

    await api.settle();
    const s = await stats();
    expect(s.totals).toEqual({
      requested: 5,
      accepted: 1,
      completed: 1,
      declined: 1,
      cancelled: 1,
      expired: 2,
      waitlisted: 1,
      promoted: 1,
      hoursServed: 2.5,
      fulfilmentRate: 0.2,
      medianHoursToAccept: 20,
      p90HoursToAccept: 23.2,
      ratingAvg: 5,
      ratingCount: 1,
      noShow: 0,
      sessionsHeld: 0,
      fillRate: null,
      // needs (群众点单): none here
      needs: { posted: 0, claimed: 0, fulfilled: 0, expired: 0, medianHoursToClaim: null },
    });
    expect(s.byDay[2]).toMatchObject({
      key: "2025-06-04",
      completed: 1,
      expired: 2,
      hoursServed: 2.5,
      ratingAvg: 5,
    });
    expect(s.byCategory.find((c: { key: string }) => c.key === "convenience")).toMatchObject({
      requested: 4,
      completed: 1,
      declined: 1,
      expired: 2,
      fulfilmentRate: 0.25,
    });
    expect(s.byBranch).toEqual([
      expect.objectContaining({ name: "大关街道第一党支部", completed: 1, hoursServed: 2.5 }),
    ]);
    expect(s.unmet.expiredOrDeclined).toEqual([
      {
        listingId: haircut.id,
        title: "义务理发",
        category: "convenience",
        community: "大关西苑社区",
        declined: 1,
        expired: 2,
      },
    ]);

    // the CSV carries the same totals
    const csv = await api.request("GET", `/api/admin/stats.csv${RANGE}`, { token: adminToken });
    expect(csv.text.split("\r\n")[1]).toBe(
      // the 5 need columns at the end: no needs posted these days, so no median (empty)
      "合计,2025-06-02 至 2025-06-04,5,1,1,1,1,1,1,2,2.5,0.2,20,23.2,5,1,0,0,,0,0,0,0,",
    );

    // rankings move with the completion
    const rank = await call("GET", "/api/rankings?by=volunteer", adminToken);
    const after = rank.items.find((i: { id: string }) => i.id === "v-t7");
    expect(after).toMatchObject({ completedCount: (before?.completedCount ?? 0) + 1 });
    expect(after.hoursServed).toBe((before?.hoursServed ?? 0) + 2.5);
  });

  it("gives the volunteer a certificate of the completed service, and only them", async () => {
    await api.settle();
    const cert = await call("GET", "/api/volunteer/certificate", vToken);
    expect(cert).toMatchObject({
      volunteer: { id: "v-t7", name: "志愿者7", branch: "大关街道第一党支部" },
      totalHours: 2.5,
      completedCount: 1,
      entries: [{ bookingId: b.h0?.id, listingTitle: "义务理发", category: "convenience", hours: 2.5 }],
    });
    expect(cert.district).toBeTruthy();
    expect(cert.entries[0].completedAt.slice(0, 10)).toBe("2025-06-04");
    expect((await api.request("GET", "/api/volunteer/certificate", { token: r[0] })).status).toBe(403);
    expect((await api.request("GET", "/api/volunteer/certificate")).status).toBe(401);
  });

  it("takes a hidden review's stars out of the dashboard's rating too", async () => {
    const reviews = await call("GET", `/api/listings/${haircut.id}/reviews`, adminToken);
    const review = reviews.items[0];
    await call("POST", `/api/admin/reviews/${review.id}/hide`, adminToken, { reason: "辱骂" });
    await api.settle();
    const s = await stats();
    expect(s.totals).toMatchObject({ ratingAvg: null, ratingCount: 0, completed: 1 });
    expect(s.byDay[2]).toMatchObject({ key: "2025-06-04", ratingCount: 0 });
  });
});
