import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor.ts";

const ATTRS = ["pk", "sk", "gsi1pk", "gsi1sk"];

describe("cursors", () => {
  it("round-trips a key", () => {
    const key = { pk: "LISTING#a", sk: "LISTING", gsi1pk: "PUB#eco", gsi1sk: "2026#a" };
    expect(decodeCursor(encodeCursor(key) as string, ATTRS)).toEqual(key);
  });

  it("refuses anything else with a 400, never a crash", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.base64String(),
          fc.json().map((j) => Buffer.from(j).toString("base64url")),
        ),
        (c) => {
          try {
            const key = decodeCursor(c, ATTRS);
            expect(Object.keys(key ?? {}).sort()).toEqual([...ATTRS].sort());
          } catch (err) {
            expect(err).toMatchObject({ status: 400, code: "VALIDATION_FAILED" });
          }
        },
      ),
    );
  });
});
