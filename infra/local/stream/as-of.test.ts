import { expect, it } from "vitest";
import { AsOf } from "./as-of.ts";

const at = (s: number) => new Date(Date.UTC(2026, 11, 2, 8, 0, s));

it("advances after drained passes that delivered, once more after the last of them, then no more", async () => {
  // Prepare
  const written: string[] = [];
  const asOf = new AsOf(
    async (iso) => void written.push(iso),
    () => undefined,
  );

  // Act: idle; a pass that delivered but did not drain; one that drained; then idle passes.
  await asOf.drained(at(0));
  asOf.delivered(3);
  asOf.delivered(0);
  await asOf.drained(at(2));
  asOf.delivered(0);
  await asOf.drained(at(3));
  asOf.delivered(0);
  await asOf.drained(at(4));

  // Assess
  expect(written).toEqual([at(2).toISOString(), at(3).toISOString()]);
});

it("writes nothing when told not to", async () => {
  // Prepare
  const asOf = new AsOf(false, () => undefined);

  // Act & Assess
  asOf.delivered(5);
  await expect(asOf.drained(at(1))).resolves.toBeUndefined();
});

it("a write that fails leaves the pass owed: the next drained pass writes", async () => {
  // Prepare
  const written: string[] = [];
  let fail = true;
  const asOf = new AsOf(
    async (iso) => {
      if (fail) throw new Error("table busy");
      written.push(iso);
    },
    () => undefined,
  );
  asOf.delivered(1);

  // Act
  await expect(asOf.drained(at(1))).rejects.toThrow("table busy");
  fail = false;
  await asOf.drained(at(2));

  // Assess
  expect(written).toEqual([at(2).toISOString()]);
});
