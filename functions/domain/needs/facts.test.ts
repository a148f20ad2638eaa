import { describe, expect, it } from "vitest";
import { claimBucketAttr, NEED_COUNTERS, needEffects, needHistory } from "./facts.ts";
import type { NeedItem } from "./item.ts";

const base: NeedItem = {
  id: "n1",
  category: "convenience",
  title: "修水龙头",
  description: "",
  community: "大关西苑社区",
  mode: "door",
  status: "open",
  residentId: "r1",
  residentName: "王秀英",
  phone: "13812345678",
  address: "",
  releases: 0,
  phoneProven: true,
  createdAt: "2026-12-01T02:00:00.000Z",
  updatedAt: "2026-12-01T02:00:00.000Z",
};
const image = (n: NeedItem) => ({ ...n, type: "need" });

/** The counters a list of changes adds, summed per attribute (category items only). */
function counted(changes: { id: string; old?: Record<string, unknown>; new?: Record<string, unknown> }[]) {
  const sums: Record<string, number> = {};
  for (const e of changes.flatMap(needEffects))
    if (e.kind === "count" && e.key.pk === "STATS#category")
      for (const [k, v] of Object.entries(e.add)) sums[k] = (sums[k] ?? 0) + v;
  return sums;
}

describe("need facts", () => {
  it("counts posted, claimed once at its first claim (with its hours), fulfilled; the claim texts her the category, not her words", () => {
    const claimed: NeedItem = {
      ...base,
      status: "claimed",
      claimedBy: { id: "v1", name: "张建国" },
      claimedAt: "2026-12-01T05:00:00.000Z",
      firstClaimedAt: "2026-12-01T05:00:00.000Z",
      updatedAt: "2026-12-01T05:00:00.000Z",
    };
    const released: NeedItem = {
      ...claimed,
      status: "open",
      releases: 1,
      updatedAt: "2026-12-01T06:00:00.000Z",
    };
    const again: NeedItem = {
      ...released,
      status: "claimed",
      claimedAt: "2026-12-01T07:00:00.000Z",
      updatedAt: "2026-12-01T07:00:00.000Z",
    };
    const done: NeedItem = {
      ...again,
      status: "fulfilled",
      fulfilledAt: "2026-12-02T01:00:00.000Z",
      updatedAt: "2026-12-02T01:00:00.000Z",
    };
    const live = [
      { id: "e0", new: image(base) },
      { id: "e1", old: image(base), new: image(claimed) },
      { id: "e2", old: image(claimed), new: image(released) },
      { id: "e3", old: image(released), new: image(again) },
      { id: "e4", old: image(again), new: image(done) },
    ];
    const sums = counted(live);
    expect(sums).toEqual({
      [NEED_COUNTERS.posted]: 1,
      [NEED_COUNTERS.claimed]: 1,
      // 3 h to the first claim: the (2, 3] bucket
      [claimBucketAttr(4)]: 1,
      [NEED_COUNTERS.fulfilled]: 1,
    });
    // Reconcile's replay of the need as it ends gives the same counters.
    expect(counted(needHistory(done))).toEqual(sums);
    const texts = live.flatMap(needEffects).filter((e) => e.kind === "put" && e.item.type === "text");
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) {
      const text = String(t.kind === "put" ? t.item.text : "");
      expect(text).toContain("便民利民");
      expect(text).not.toContain("修水龙头");
    }
  });

  it("an expiry is counted and told once, with the 居委会 phone; replayed, the same", () => {
    const expired: NeedItem = {
      ...base,
      status: "expired",
      expiredAt: "2026-12-04T02:00:00.000Z",
      committeePhone: "0571-88001234",
      updatedAt: "2026-12-04T02:00:00.000Z",
    };
    const effects = needEffects({ id: "x", old: image(base), new: image(expired) });
    const text = effects.find((e) => e.kind === "put" && e.item.type === "text");
    expect(text?.kind === "put" && String(text.item.text)).toContain("0571-88001234");
    expect(effects.filter((e) => e.kind === "put" && e.item.type === "notification")).toHaveLength(1);
    expect(counted(needHistory(expired))).toEqual({ [NEED_COUNTERS.posted]: 1, [NEED_COUNTERS.expired]: 1 });
  });
});
