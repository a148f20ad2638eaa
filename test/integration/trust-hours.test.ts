/**
 * Trust and safety, issue 19.5 and issue 20.2: hours that cannot be farmed. The
 * attacks replayed against the local stack: a volunteer with a fake resident account
 * loops book → accept → confirm 12 h; completes an event days before it happens;
 * records more hours than the event lasted; races two completions past the daily
 * cap; and sets their own community on the certificate.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type TestApi } from "../support/api.ts";
import { eventInput, listingInput, resident, volunteer } from "../support/builders.ts";

let api: TestApi;
const t: Record<string, string> = {};
const HOUR = 3_600_000;

beforeAll(async () => {
  api = await startApi();
  t.v = await api.login(volunteer(41));
  t.v2 = await api.login(volunteer(42));
  t.v3 = await api.login(volunteer(43));
  t.r = await api.login(resident(41));
  t.r2 = await api.login(resident(42));
});
afterAll(() => api.close());

const post = (path: string, token: string, body?: unknown) =>
  api.request("POST", path, { token, ...(body !== undefined ? { body } : {}) });

async function accepted(vToken: string, listing: Record<string, unknown>, rToken = t.r as string) {
  const l = await post("/api/listings", vToken, listing);
  expect(l.status, l.text).toBe(201);
  const j = await post(`/api/listings/${l.body.id}/bookings`, rToken, { phone: "13900004141" });
  expect(j.status, j.text).toBe(201);
  expect((await post(`/api/bookings/${j.body.id}/accept`, vToken)).status).toBe(200);
  return { listingId: l.body.id as string, id: j.body.id as string, code: j.body.completionCode as string };
}

const hoursOf = async (token: string) =>
  (await api.request("GET", "/api/volunteer/certificate", { token })).body.totalHours as number;

describe("hours that cannot be farmed", () => {
  it("refuses the book → accept → confirm 12 h loop after the day's 12 hours", async () => {
    const listing = (await post("/api/listings", t.v as string, listingInput({ capacity: 1 }))).body;
    const loop = async () => {
      const j = await post(`/api/listings/${listing.id}/bookings`, t.r as string, { phone: "13900004141" });
      expect(j.status, j.text).toBe(201);
      expect((await post(`/api/bookings/${j.body.id}/accept`, t.v as string)).status).toBe(200);
      return post(`/api/bookings/${j.body.id}/confirm`, t.r as string, { hours: 12 });
    };
    const first = await loop();
    expect(first.status, first.text).toBe(200);
    const second = await loop();
    expect(second.status, second.text).toBe(409);
    expect(second.body.error.code).toBe("DAILY_HOURS_CAP");
    // Nothing changed: the booking is still accepted, and the hours are the first loop's only
    const mine = await api.request("GET", "/api/me/bookings", { token: t.r });
    expect(mine.body.items.filter((b: { status: string }) => b.status === "completed")).toHaveLength(1);
    expect(mine.body.items.filter((b: { status: string }) => b.status === "accepted")).toHaveLength(1);
    await api.settle();
    expect(await hoursOf(t.v as string)).toBe(12);
    const shop = await api.request("GET", `/api/volunteers/${volunteer(41).sub}`);
    expect(shop.body.volunteer.hoursServed).toBe(12);
  });

  it("refuses completing or confirming a booking before the service's time", async () => {
    const startsAt = new Date(Date.now() + 3 * 24 * HOUR).toISOString();
    const b = await accepted(t.v2 as string, eventInput({ startsAt }));
    const done = await post(`/api/bookings/${b.id}/complete`, t.v2 as string, { hours: 2, code: b.code });
    expect(done.status, done.text).toBe(409);
    expect(done.body.error.code).toBe("NOT_STARTED_YET");
    expect(done.body.error.details[0].startsAt).toBe(startsAt);
    const confirmed = await post(`/api/bookings/${b.id}/confirm`, t.r as string, {});
    expect(confirmed.status).toBe(409);
    expect(confirmed.body.error.code).toBe("NOT_STARTED_YET");
    const got = await api.request("GET", `/api/bookings/${b.id}`, { token: t.r });
    expect(got.body.status).toBe("accepted");
    // A right code before the time is not a wrong try either: no lock builds up
    expect(got.body.completionCode).toBe(b.code);
    await api.settle();
    expect(await hoursOf(t.v2 as string)).toBe(0);
  });

  it("bounds the hours by the event's length", async () => {
    const startsAt = new Date(Date.now() - HOUR).toISOString();
    const endsAt = new Date(Date.now() + 0.5 * HOUR).toISOString();
    const b = await accepted(t.v3 as string, eventInput({ startsAt, endsAt }));
    const over = await post(`/api/bookings/${b.id}/complete`, t.v3 as string, { hours: 2, code: b.code });
    expect(over.status, over.text).toBe(409);
    expect(over.body.error.code).toBe("HOURS_OVER_DURATION");
    expect(over.body.error.details[0].maxHours).toBe(1.5);
    const ok = await post(`/api/bookings/${b.id}/complete`, t.v3 as string, { hours: 1.5, code: b.code });
    expect(ok.status, ok.text).toBe(200);
    // An event without an end time: half a day at most
    const open = await accepted(
      t.v3 as string,
      eventInput({ startsAt: new Date(Date.now() - HOUR).toISOString() }),
      t.r2 as string,
    );
    const long = await post(`/api/bookings/${open.id}/confirm`, t.r2 as string, { hours: 6 });
    expect(long.body.error.code).toBe("HOURS_OVER_DURATION");
    expect((await post(`/api/bookings/${open.id}/confirm`, t.r2 as string, { hours: 4 })).status).toBe(200);
  });

  it("counts an event's hours toward the day once, however many attendees it served", async () => {
    const vt = await api.login(volunteer(45));
    const startsAt = new Date(Date.now() - HOUR).toISOString();
    const endsAt = new Date(Date.now() + HOUR).toISOString();
    const l = (await post("/api/listings", vt, eventInput({ startsAt, endsAt, capacity: 20 }))).body;
    const joined = [];
    for (let i = 0; i < 10; i++) {
      const rt = await api.login(resident(450 + i));
      const j = await post(`/api/listings/${l.id}/bookings`, rt, { phone: "13900004545" });
      expect(j.status, j.text).toBe(201);
      expect((await post(`/api/bookings/${j.body.id}/accept`, vt)).status).toBe(200);
      joined.push(j.body);
    }
    // Ten attendees of one 2-hour event: 20 booking-hours, but 2 hours of the volunteer's day
    const done = await Promise.all(
      joined.map((j) => post(`/api/bookings/${j.id}/complete`, vt, { hours: 2, code: j.completionCode })),
    );
    expect(done.map((d) => d.status)).toEqual(Array(10).fill(200));
    // So the day still has 10 hours of room: an on-demand visit of 10 h fits, one of 0.5 more does not
    const visit = await accepted(vt, listingInput({ capacity: 2 }));
    const over = await post(`/api/bookings/${visit.id}/complete`, vt, { hours: 10.5, code: visit.code });
    expect(over.body.error.code).toBe("DAILY_HOURS_CAP");
    expect(
      (await post(`/api/bookings/${visit.id}/complete`, vt, { hours: 10, code: visit.code })).status,
    ).toBe(200);
  });

  it("lets only one of two racing completions past the daily cap", async () => {
    const vt = await api.login(volunteer(44));
    const a = await accepted(vt, listingInput({ capacity: 2 }));
    const b = await accepted(vt, listingInput({ capacity: 2 }), t.r2 as string);
    const [x, y] = await Promise.all([
      post(`/api/bookings/${a.id}/complete`, vt, { hours: 7, code: a.code }),
      post(`/api/bookings/${b.id}/complete`, vt, { hours: 7, code: b.code }),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    expect([x, y].find((r) => r.status === 409)?.body.error.code).toBe("DAILY_HOURS_CAP");
    // What is left of the day still counts
    const left = [x, y].find((r) => r.status === 409) === x ? a : b;
    expect((await post(`/api/bookings/${left.id}/complete`, vt, { hours: 5, code: left.code })).status).toBe(
      200,
    );
  });

  it("prints the certificate's community and branch from the admin-set claims, not the profile", async () => {
    const put = await api.request("PUT", "/api/me", { token: t.v, body: { community: "和睦新村社区" } });
    expect(put.status, put.text).toBe(200);
    const cert = await api.request("GET", "/api/volunteer/certificate", { token: t.v });
    expect(cert.body.volunteer).toMatchObject({
      community: volunteer(41).community,
      branch: volunteer(41).branch,
    });
  });
});
