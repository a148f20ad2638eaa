/**
 * Hostile input at every booking, review and notification write route: the answer
 * is a 4xx in the error format, never a 5xx; no write reaches DynamoDB; and what a
 * user can observe (bookings, listing counters, reviews) is the same before and after.
 * Bodies that a mutation left valid are skipped (they are the other tests' business).
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeFor } from "../../shared/routes.ts";
import { startApi, type TestApi } from "../support/api.ts";
import { admin, listingInput, resident, volunteer } from "../support/builders.ts";
import {
  anyJsonValue,
  expectRefusedUnchanged,
  hostileBody,
  invalidFor,
  type RouteCase,
  rawJunk,
} from "../support/hostile.ts";

const runs = { numRuns: 30 };

let api: TestApi;
let t: Record<"volunteer" | "resident" | "admin", string>;
let listingId: string;
const b: Record<"requested" | "accepted" | "completed", string> = {
  requested: "",
  accepted: "",
  completed: "",
};
let reviewId = "";

beforeAll(async () => {
  api = await startApi();
  t = {
    volunteer: await api.login(volunteer(1)),
    resident: await api.login(resident(1)),
    admin: await api.login(admin()),
  };
  listingId = (
    await api.request("POST", "/api/listings", { token: t.volunteer, body: listingInput({ capacity: 20 }) })
  ).body.id;
  const join = async (i: number) => {
    const token = await api.login(resident(i));
    const res = await api.request("POST", `/api/listings/${listingId}/bookings`, {
      token,
      body: { phone: "13600001111" },
    });
    return { id: res.body.id as string, code: res.body.completionCode as string, token };
  };
  const requested = await join(2);
  const accepted = await join(3);
  const completed = await join(4);
  for (const x of [accepted, completed])
    await api.request("POST", `/api/bookings/${x.id}/accept`, { token: t.volunteer });
  await api.request("POST", `/api/bookings/${completed.id}/complete`, {
    token: t.volunteer,
    body: { hours: 1, code: completed.code },
  });
  const rv = await api.request("POST", `/api/bookings/${completed.id}/review`, {
    token: completed.token,
    body: { stars: 5 },
  });
  reviewId = rv.body.id;
  Object.assign(b, { requested: requested.id, accepted: accepted.id, completed: completed.id });
  t.resident = accepted.token;
  // What is derived from these (listing figures, notices) is projected before anything is compared.
  await api.settle();
});
afterAll(() => api.close());

async function observable() {
  const l = (await api.request("GET", `/api/listings/${listingId}`)).body;
  const bookings = await api.request("GET", "/api/volunteer/bookings", { token: t.volunteer });
  const reviews = await api.request("GET", `/api/listings/${listingId}/reviews`);
  const notes = await api.request("GET", "/api/me/notifications", { token: t.resident });
  return { l, bookings: bookings.body, reviews: reviews.body, notes: notes.body };
}

const expectSafe = (path: string, token: string, body: unknown, raw?: string) =>
  expectRefusedUnchanged(api, observable, path, token, body, raw);

const CASES: RouteCase[] = [
  {
    handler: "bookings/create",
    path: () => `/api/listings/${listingId}/bookings`,
    token: () => t.resident,
    valid: { phone: "13800001111", address: "大关西苑 1 幢", preferredTime: "周六上午", note: "谢谢" },
  },
  {
    handler: "bookings/accept",
    path: () => `/api/bookings/${b.requested}/accept`,
    token: () => t.volunteer,
  },
  {
    handler: "bookings/decline",
    path: () => `/api/bookings/${b.requested}/decline`,
    token: () => t.volunteer,
    valid: { reason: "时间冲突" },
  },
  {
    handler: "bookings/complete",
    path: () => `/api/bookings/${b.accepted}/complete`,
    token: () => t.volunteer,
    valid: { hours: 2, code: "123456" },
  },
  { handler: "bookings/cancel", path: () => `/api/bookings/${b.accepted}/cancel`, token: () => t.resident },
  {
    handler: "bookings/confirm",
    path: () => `/api/bookings/${b.accepted}/confirm`,
    token: () => t.resident,
    valid: { hours: 1.5 },
  },
  {
    handler: "bookings/contact",
    path: () => `/api/bookings/${b.accepted}/contact`,
    token: () => t.volunteer,
  },
  {
    handler: "reviews/create",
    path: () => `/api/bookings/${b.completed}/review`,
    token: () => t.resident,
    valid: { stars: 4, comment: "好" },
  },
  {
    handler: "reviews/reply",
    path: () => `/api/reviews/${reviewId}/reply`,
    token: () => t.volunteer,
    valid: { text: "谢谢" },
  },
  {
    handler: "admin/hide-review",
    path: () => `/api/admin/reviews/${reviewId}/hide`,
    token: () => t.admin,
    valid: { reason: "辱骂" },
  },
  { handler: "me/notifications-read", path: () => "/api/me/notifications/read", token: () => t.resident },
];

describe("hostile input at booking write routes", () => {
  for (const c of CASES) {
    it(`POST ${routeFor(c.handler).path}`, async () => {
      const bodies = c.valid ? hostileBody(c.valid) : anyJsonValue;
      await fc.assert(
        fc.asyncProperty(bodies, async (body) => {
          fc.pre(invalidFor(c.handler)(body) && (c.valid !== undefined || body !== undefined));
          await expectSafe(c.path(), c.token(), body);
        }),
        runs,
      );
      if (c.valid) {
        await fc.assert(
          fc.asyncProperty(rawJunk, async (raw) => {
            let parsed: unknown;
            try {
              parsed = raw.trim() === "" ? {} : JSON.parse(raw);
            } catch {
              parsed = Symbol("malformed");
            }
            fc.pre(typeof parsed === "symbol" || invalidFor(c.handler)(parsed));
            await expectSafe(c.path(), c.token(), undefined, raw);
          }),
          { numRuns: 15 },
        );
      }
    });
  }

  it("refuses hostile path ids and Idempotency-Keys without writing", async () => {
    for (const id of ["%00", "x".repeat(80), "a b", "..%2F..%2Fetc"]) {
      await expectSafe(`/api/bookings/${id}/accept`, t.volunteer, undefined);
    }
    for (const key of ["has space", "x".repeat(101), "a/b"]) {
      const before = await observable();
      const res = await api.request("POST", `/api/listings/${listingId}/bookings`, {
        token: t.resident,
        headers: { "idempotency-key": key },
        body: { phone: "13800001111" },
      });
      expect(res.status).toBe(400);
      expect(await observable()).toEqual(before);
    }
  });
});
