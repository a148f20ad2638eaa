/** With the database unreachable the API answers 503 with Retry-After in the error format, never a 500. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { freePort } from "../support/global-setup.ts";

// Point this file's handlers at a port where nothing listens, before any handler module loads.
process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${await freePort()}`;
const { startApi } = await import("../support/api.ts");
const { volunteer, listingInput } = await import("../support/builders.ts");

let api: Awaited<ReturnType<typeof startApi>>;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

it("answers 503 with Retry-After on reads and writes", async () => {
  const token = await api.login(volunteer(1));
  for (const [method, path, body] of [
    ["GET", "/api/health", undefined],
    ["GET", "/api/listings", undefined],
    ["POST", "/api/listings", listingInput()],
  ] as const) {
    const res = await api.request(method, path, { token, ...(body ? { body } : {}) });
    expect(res.status, `${method} ${path}`).toBe(503);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(res.body.error.code).toBe("DATABASE_UNAVAILABLE");
  }
});
