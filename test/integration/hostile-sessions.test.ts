/**
 * Hostile input at the scheduled-service routes: a schedule's rule, times and
 * seats; a join's session id; a session's cancellation. The answer is a 4xx in the
 * error format, never a 5xx, and a refused request writes nothing.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDay } from "../../shared/clock.ts";
import { routeFor } from "../../shared/routes.ts";
import { startApi, type TestApi } from "../support/api.ts";
import { eventInput, resident, volunteer } from "../support/builders.ts";
import { sentCommands } from "../support/commands.ts";
import { hostileBody, rawJunk, writesSent } from "../support/hostile.ts";

let api: TestApi;
let vToken: string;
let rToken: string;
let listingId: string;
let sessionId: string;
const today = () => localDay(new Date());
const schedule = () => ({
  rrule: "FREQ=WEEKLY;BYDAY=SA",
  startTime: "09:00",
  durationMinutes: 120,
  from: today(),
  capacity: 20,
});

beforeAll(async () => {
  api = await startApi();
  vToken = await api.login(volunteer(41));
  rToken = await api.login(resident(41));
  const res = await api.request("POST", "/api/listings", {
    token: vToken,
    body: eventInput({ startsAt: undefined, schedule: schedule() }),
  });
  listingId = res.body.id;
  sessionId = (await api.request("GET", `/api/listings/${listingId}/sessions`)).body.items[0].id;
});
afterAll(() => api.close());

async function expectRefused(method: string, path: string, token: string, body: unknown, raw?: string) {
  sentCommands.length = 0;
  const res = await api.request(method, path, { token, ...(raw !== undefined ? { raw } : { body }) });
  expect(res.status, `${path} ${res.text}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${path} ${res.text}`).toBeLessThan(500);
  expect(res.body?.error?.code, res.text).toEqual(expect.any(String));
  expect(writesSent(), `${path} wrote on ${res.status}`).toEqual([]);
  return res;
}

const invalid = (handler: string, body: unknown) => !routeFor(handler).body?.safeParse(body).success;

describe("hostile input at scheduled services", () => {
  it("POST /api/listings with a hostile schedule", async () => {
    await fc.assert(
      fc.asyncProperty(hostileBody(schedule()), async (s) => {
        const body = eventInput({ startsAt: undefined, schedule: s });
        fc.pre(invalid("listings/create", body));
        await expectRefused("POST", "/api/listings", vToken, body);
      }),
      { numRuns: 40 },
    );
  });

  it("any rule text is a listing or a 400, never a 5xx, and a refused one writes nothing", async () => {
    const rules = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.constantFrom(
        "FREQ=WEEKLY;BYDAY=XX",
        "FREQ=MONTHLY;BYDAY=9MO",
        "FREQ=MONTHLY;BYMONTHDAY=31",
        "FREQ=DAILY;INTERVAL=0",
        "FREQ=WEEKLY;BYDAY=SA;BYHOUR=1,2,3",
        "FREQ=YEARLY",
        "FREQ=SECONDLY",
        "FREQ=WEEKLY;WKST=ZZ",
      ),
    );
    await fc.assert(
      fc.asyncProperty(rules, async (rrule) => {
        sentCommands.length = 0;
        const res = await api.request("POST", "/api/listings", {
          token: vToken,
          body: eventInput({ startsAt: undefined, schedule: { ...schedule(), rrule } }),
        });
        expect([201, 400], res.text).toContain(res.status);
        if (res.status === 400) expect(writesSent(), res.text).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it("POST /api/listings/{id}/bookings with a hostile session id", async () => {
    const ids = fc.oneof(
      fc.string(),
      fc.constantFrom("20261301-0900", "20260230-0900", "2026-11-28", "../x", "20261128-2561", ""),
    );
    await fc.assert(
      fc.asyncProperty(ids, async (id) => {
        const body = { phone: "13800001111", sessionId: id };
        fc.pre(invalid("bookings/create", body));
        await expectRefused("POST", `/api/listings/${listingId}/bookings`, rToken, body);
      }),
      { numRuns: 40 },
    );
    // Well-formed but no such session: 404 (its seat condition refused the attempt), and nothing changed.
    const seen = async () => ({
      sessions: (await api.request("GET", `/api/listings/${listingId}/sessions`)).body,
      mine: (await api.request("GET", "/api/me/bookings", { token: rToken })).body,
    });
    const before = await seen();
    const res = await api.request("POST", `/api/listings/${listingId}/bookings`, {
      token: rToken,
      body: { phone: "13800001111", sessionId: "20991231-0900" },
    });
    expect(res.status, res.text).toBe(404);
    expect(await seen()).toEqual(before);
  });

  it("POST …/sessions/{sessionId}/cancel with hostile bodies and ids", async () => {
    const path = () => `/api/listings/${listingId}/sessions/${sessionId}/cancel`;
    await fc.assert(
      fc.asyncProperty(hostileBody({ reason: "下雨" }), async (body) => {
        fc.pre(invalid("listings/cancel-session", body));
        await expectRefused("POST", path(), vToken, body);
      }),
      { numRuns: 30 },
    );
    await fc.assert(
      fc.asyncProperty(rawJunk, async (raw) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(raw);
        } catch {
          parsed = undefined;
        }
        fc.pre(parsed === undefined || invalid("listings/cancel-session", parsed));
        await expectRefused("POST", path(), vToken, undefined, raw);
      }),
      { numRuns: 15 },
    );
    for (const bad of ["x", "2026112-0900", "%00", "20261128-0900%2F..", "a".repeat(80)])
      await expectRefused("POST", `/api/listings/${listingId}/sessions/${bad}/cancel`, vToken, {
        reason: "x",
      });
    // Still open after all that.
    const s = (await api.request("GET", `/api/listings/${listingId}/sessions`)).body.items[0];
    expect(s).toMatchObject({ id: sessionId, status: "open" });
  });
});
