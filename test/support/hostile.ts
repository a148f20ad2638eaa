/**
 * fast-check arbitraries for hostile request bodies: wrong types, missing and
 * unknown fields, over-long and odd Unicode text, prototype pollution, deep nesting.
 * Use `hostileBody(valid)` to mutate a valid body, or `anyJson` for raw junk.
 */
import fc from "fast-check";
import { expect } from "vitest";
import { routeFor } from "../../shared/routes.ts";
import type { TestApi } from "./api.ts";
import { sentCommands } from "./commands.ts";

/** The DynamoDB commands that write. */
const WRITES = ["TransactWriteItems", "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem"];

/** The writing commands sent since `sentCommands` was last emptied. */
export const writesSent = () => sentCommands.filter((c) => WRITES.includes(c));

/** Whether a body breaks the route's body schema (a route without one takes none). */
export const invalidFor = (handler: string) => (body: unknown) => {
  const schema = routeFor(handler).body;
  return schema ? !schema.safeParse(body).success : true;
};

/**
 * POST (or `method`) `body` (or the `raw` text) and expect a 4xx in the error format, no stack, no
 * write sent, and nothing `observable` shows changed (compared after the write check:
 * reading contact is audited, itself a write).
 */
export async function expectRefusedUnchanged(
  api: TestApi,
  observable: () => Promise<unknown>,
  path: string,
  token: string,
  body: unknown,
  raw?: string,
  method = "POST",
) {
  const before = await observable();
  sentCommands.length = 0;
  const res = await api.request(method, path, { token, ...(raw !== undefined ? { raw } : { body }) });
  const writes = writesSent();
  expect(res.status, `${path} ${res.text}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${path} ${res.text}`).toBeLessThan(500);
  expect(res.body?.error?.code, res.text).toEqual(expect.any(String));
  expect(res.text).not.toMatch(/at .*\.ts:\d+|stack/i);
  expect(writes, `${path} wrote on ${res.status}`).toEqual([]);
  expect(await observable()).toEqual(before);
}

const weirdStrings = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 80 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "🙂".repeat(40),
    "\u202e反转",
    "a".repeat(3000),
  ),
);

export const anyJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0, 0.25, 1e308),
  weirdStrings,
  fc.array(fc.oneof(fc.integer(), weirdStrings), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.integer(), weirdStrings), { maxKeys: 4 }),
);

/** A valid body, broken in one to three ways. */
export function hostileBody(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const fields = Object.keys(valid);
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant("set" as const), field: fc.constantFrom(...fields), value: anyJsonValue }),
    fc.record({ kind: fc.constant("drop" as const), field: fc.constantFrom(...fields) }),
    fc.record({
      kind: fc.constant("add" as const),
      field: fc.constantFrom(
        "__proto__",
        "constructor",
        "price",
        "status",
        "id",
        "volunteerId",
        "seatsTaken",
        "pk",
        "x",
      ),
      value: anyJsonValue,
    }),
  );
  const mutated = fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms) => {
    const body: Record<string, unknown> = JSON.parse(JSON.stringify(valid));
    for (const m of ms) {
      if (m.kind === "drop") delete body[m.field];
      else
        Object.defineProperty(body, m.field, {
          value: m.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
    return body;
  });
  return fc.oneof({ weight: 4, arbitrary: mutated }, { weight: 1, arbitrary: anyJsonValue });
}

/** Raw bodies that are not JSON at all, or JSON of the wrong shape. */
export const rawJunk = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "{",
    '{"a":',
    "[1,2",
    "null",
    "true",
    '"text"',
    '{"__proto__":{"admin":true}}',
    "NaN",
    "{}garbage",
  ),
  fc.constant("[".repeat(5000)),
);

/**
 * A write route as a hostile test sends to it: its handler (the route table gives its
 * method), path and token (read when the test runs, after beforeAll made them), and a
 * valid body to mutate where the route takes one.
 */
export interface RouteCase {
  handler: string;
  path: () => string;
  token: () => string;
  valid?: Record<string, unknown>;
}

/**
 * `c`'s route sent mutations of its valid body (any JSON at all for a route without
 * one; bodies a mutation left valid are skipped), then raw text that is not JSON: each
 * refused as expectRefusedUnchanged expects. (A blank body is no body: for a route
 * whose body is optional, that is a valid request, so raw text is never blank.)
 */
export async function expectHostileRefused(
  api: TestApi,
  observable: () => Promise<unknown>,
  c: RouteCase,
  runs: { numRuns: number },
) {
  const { method } = routeFor(c.handler);
  const bodies = c.valid ? hostileBody(c.valid) : anyJsonValue.filter((v) => v !== undefined);
  await fc.assert(
    fc.asyncProperty(bodies.filter(invalidFor(c.handler)), async (body) => {
      await expectRefusedUnchanged(api, observable, c.path(), c.token(), body, undefined, method);
    }),
    runs,
  );
  await fc.assert(
    fc.asyncProperty(
      rawJunk.filter((r) => r.trim() !== ""),
      async (raw) => {
        await expectRefusedUnchanged(api, observable, c.path(), c.token(), undefined, raw, method);
      },
    ),
    { numRuns: 10 },
  );
}
