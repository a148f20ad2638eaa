/**
 * The test client holds every answer to the route table's promise: a handler that
 * returns a field outside its response schema, or an error outside the API.md
 * format, fails the test that called it. And the local API Gateway's own 401 is
 * what API Gateway's JWT authorizer answers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, ok } from "../../functions/lib/http.ts";
import { type Handler, loadHandler } from "../../infra/local/apigw.ts";
import { responseProblems, startApi, type TestApi } from "../support/api.ts";
import { resident } from "../support/builders.ts";

const json = (statusCode: number, body: unknown) => ({
  statusCode,
  headers: { "content-type": "application/json; charset=utf-8" },
  body: JSON.stringify(body),
});

/** Handlers that break the contract, in place of the real ones for three routes. */
const broken: Record<string, Handler> = {
  // @ts-expect-error the typed ok() refuses, at compile time, a field the response schema leaves out
  health: http("health", async () => ok({ status: "ok" as const, build: "1.2.3" })),
  "categories/list": async () => json(200, { items: [{ slug: "health", name: "健康", listingCount: "3" }] }),
  "rankings/list": async () => json(409, { error: { code: "MADE_UP", message: "没有这个代码" } }),
};

let api: TestApi;
let gateway: TestApi;
beforeAll(async () => {
  api = await startApi({ loadHandler: async (name) => broken[name] ?? loadHandler(name) });
  gateway = await startApi({ unauthorized: "gateway" });
});
afterAll(async () => {
  await api.close();
  await gateway.close();
});

describe("the test client checks every answer against the route table", () => {
  it("fails a test whose handler returns a field outside its response schema", async () => {
    await expect(api.request("GET", "/api/health")).rejects.toThrow(
      /body\.build is not in the response schema/,
    );
  });

  it("fails a test whose handler returns a field of the wrong type", async () => {
    await expect(api.request("GET", "/api/categories")).rejects.toThrow(/body\.items\.0\.listingCount/);
  });

  it("fails a test whose handler answers an error code that shared/errors.ts does not list", async () => {
    await expect(api.request("GET", "/api/rankings")).rejects.toThrow(/body\.error\.code/);
  });

  it("passes what the real handlers answer", async () => {
    const res = await api.request("GET", "/api/communities");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: expect.any(Array), nextCursor: null });
  });

  it("checks nested fields strictly, and leaves non-JSON and unknown paths alone", () => {
    const review = {
      id: "r1",
      bookingId: "b1",
      listingId: "l1",
      volunteerId: "v1",
      residentName: "王阿姨",
      stars: 5,
      comment: "",
      createdAt: "2026-01-01T00:00:00Z",
    };
    const page = { items: [review], nextCursor: null };
    expect(responseProblems("GET", "/api/listings/l1/reviews", 200, "application/json", page)).toEqual([]);
    expect(
      responseProblems("GET", "/api/listings/l1/reviews?cursor=x", 200, "application/json; charset=utf-8", {
        ...page,
        items: [{ ...review, residentPhone: "13800001234" }],
      }),
    ).toEqual(["body.items[0].residentPhone is not in the response schema"]);
    expect(responseProblems("GET", "/api/admin/stats.csv", 200, "text/csv", "a,b")).toEqual([]);
    expect(responseProblems("GET", "/", 404, "application/json", { anything: 1 })).toEqual([]);
  });
});

describe("the local JWT authorizer answers as API Gateway's", () => {
  it("401 {message: Unauthorized} without a token, and with www-authenticate for a bad one", async () => {
    const none = await gateway.request("GET", "/api/me");
    expect(none.status).toBe(401);
    expect(none.text).toBe('{"message":"Unauthorized"}');
    expect(none.headers.get("www-authenticate")).toBeNull();

    const bad = await gateway.request("GET", "/api/me", { token: "not.a.jwt" });
    expect(bad.status).toBe(401);
    expect(bad.text).toBe('{"message":"Unauthorized"}');
    expect(bad.headers.get("www-authenticate")).toMatch(
      /^Bearer scope="" error="invalid_token" error_description="/,
    );

    const token = await gateway.login(resident(1));
    expect((await gateway.request("GET", "/api/me", { token })).status).toBe(200);
    // A handler's own refusal stays in the API.md format.
    const wrongRole = await gateway.request("GET", "/api/admin/stats", { token });
    expect(wrongRole.status).toBe(403);
    expect(wrongRole.body.error.code).toBe("FORBIDDEN");
  });
});
