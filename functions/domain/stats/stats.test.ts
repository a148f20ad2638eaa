import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CATEGORY_SLUGS } from "../../../shared/categories.ts";
import { localDay } from "../../../shared/clock.ts";
import { keys } from "../../../shared/keys.ts";
import { BookingStatus } from "../../../shared/schemas.ts";
import { ValidationFailed } from "../errors.ts";
import {
  ACCEPT_BUCKETS,
  acceptBucket,
  bucketAttr,
  type StatEvent,
  type StatFact,
  statsUpdates,
} from "./counters.ts";
import { daysBetween, statsRange } from "./range.ts";
import { histogramQuantile, toCounters } from "./read.ts";

const EVENTS: StatEvent[] = [
  "requested",
  "waitlisted",
  "accepted",
  "completed",
  "declined",
  "cancelled",
  "expired",
  "promoted",
  "reviewed",
];

const fact = (over: Partial<StatFact> = {}): StatFact => ({
  event: "requested",
  at: new Date("2025-03-10T15:59:59Z"),
  category: "health",
  community: "长乐社区",
  branch: "区司法局党支部",
  listingId: "l1",
  listingTitle: "量血压",
  ...over,
});

type U = {
  Key: { pk: string; sk: string };
  UpdateExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
};
const parts = (f: StatFact) => statsUpdates(f).map((u) => u.Update as unknown as U);

/** What an update ADDs, by attribute name. */
function adds(u: U): Record<string, unknown> {
  const m = /ADD (.*?)(?: SET | REMOVE |$)/.exec(u.UpdateExpression);
  const out: Record<string, unknown> = {};
  for (const term of m?.[1]?.split(", ") ?? []) {
    const [n, v] = term.split(" ");
    out[u.ExpressionAttributeNames[n as string] as string] = u.ExpressionAttributeValues[v as string];
  }
  return out;
}

describe("the day bucket (shared/clock.ts localDay)", () => {
  it("buckets by the Asia/Shanghai calendar day", () => {
    expect(localDay(new Date("2025-03-10T15:59:59Z"))).toBe("2025-03-10");
    expect(localDay(new Date("2025-03-10T16:00:00Z"))).toBe("2025-03-11");
  });
});

describe("acceptBucket", () => {
  it("puts hours in the first bucket whose upper bound holds them", () => {
    expect(acceptBucket(0)).toBe(0);
    expect(acceptBucket(0.25)).toBe(0);
    expect(acceptBucket(0.3)).toBe(1);
    expect(acceptBucket(47)).toBe(ACCEPT_BUCKETS.indexOf(48));
    expect(acceptBucket(1000)).toBe(ACCEPT_BUCKETS.length);
  });
});

describe("statsUpdates", () => {
  it("counts a request once per dimension, on the Shanghai day", () => {
    // Prepare / Act
    const u = parts(fact());
    // Assess
    expect(u.map((x) => x.Key)).toEqual([
      keys.statsDay("category", "2025-03-10", "health"),
      keys.statsDay("community", "2025-03-10", "长乐社区"),
      keys.statsDay("branch", "2025-03-10", "区司法局党支部"),
    ]);
    for (const x of u) expect(adds(x)).toEqual({ requested: 1 });
  });

  it("records hours served, the accept-time bucket and ratings", () => {
    expect(adds(parts(fact({ event: "completed", hours: 2.5 }))[0] as U)).toEqual({
      completed: 1,
      hoursServed: 2.5,
    });
    expect(adds(parts(fact({ event: "accepted", hoursToAccept: 5 }))[1] as U)).toEqual({
      accepted: 1,
      acceptTimed: 1,
      a6: 1,
    });
    expect(adds(parts(fact({ event: "reviewed", stars: 4 }))[2] as U)).toEqual({
      reviewed: 1,
      ratingSum: 4,
      ratingCount: 1,
    });
  });

  it("counts declines and expiries per listing for the unmet-demand list", () => {
    const u = parts(fact({ event: "expired", from: "requested" }));
    expect(u).toHaveLength(4);
    expect(u[3]?.Key).toEqual(keys.statsDay("listing", "2025-03", "l1"));
    expect(adds(u[3] as U)).toEqual({ expired: 1 });
  });

  it("gauges waitlists: joining adds one, promotion or leaving it takes one", () => {
    const gauge = (f: StatFact) => {
      const g = parts(f).find((x) => x.Key.pk === keys.waitlistPartition());
      return g ? adds(g).waitlistCount : 0;
    };
    expect(gauge(fact({ event: "waitlisted" }))).toBe(1);
    expect(gauge(fact({ event: "promoted", from: "waitlisted" }))).toBe(-1);
    expect(gauge(fact({ event: "cancelled", from: "waitlisted" }))).toBe(-1);
    expect(gauge(fact({ event: "cancelled", from: "accepted" }))).toBe(0);
    expect(gauge(fact({ event: "expired", from: "waitlisted" }))).toBe(-1);
  });

  it("for any fact: at most 6 items, distinct keys, each counting its event", () => {
    fc.assert(
      fc.property(
        fc.record({
          event: fc.constantFrom(...EVENTS),
          at: fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }),
          category: fc.constantFrom(...CATEGORY_SLUGS),
          community: fc.string({ minLength: 1, maxLength: 30 }),
          branch: fc.string({ maxLength: 40 }),
          listingId: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
          listingTitle: fc.string({ minLength: 2, maxLength: 60 }),
          from: fc.option(fc.constantFrom(...BookingStatus.options), { nil: undefined }),
          hours: fc.option(fc.double({ min: 0.5, max: 12, noNaN: true }), { nil: undefined }),
          hoursToAccept: fc.option(fc.double({ min: 0, max: 500, noNaN: true }), { nil: undefined }),
          stars: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
        }),
        (f) => {
          const u = parts(f);
          expect(u.length).toBeLessThanOrEqual(6);
          const ks = u.map((x) => `${x.Key.pk}|${x.Key.sk}`);
          expect(new Set(ks).size).toBe(ks.length);
          const day = localDay(f.at);
          for (const x of u.slice(0, 3)) {
            expect(x.Key.sk.startsWith(`${day}#`)).toBe(true);
            expect(adds(x)[f.event]).toBe(1);
          }
        },
      ),
    );
  });
});

describe("histogramQuantile", () => {
  it("is null without timed acceptances and interpolates within the bucket", () => {
    expect(histogramQuantile({}, 0.5)).toBeNull();
    // 4 acceptances in (1, 2]: median at the bucket's middle
    expect(histogramQuantile({ [bucketAttr(acceptBucket(1.5))]: 4 }, 0.5)).toBe(1.5);
    // beyond the last bound: its lower bound
    expect(histogramQuantile({ [bucketAttr(ACCEPT_BUCKETS.length)]: 2 }, 0.9)).toBe(72);
  });

  it("stays within the bucket of the true quantile, and p90 ≥ median", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 60 }),
        (hours) => {
          const sums: Record<string, number> = {};
          for (const h of hours)
            sums[bucketAttr(acceptBucket(h))] = (sums[bucketAttr(acceptBucket(h))] ?? 0) + 1;
          const sorted = [...hours].sort((a, b) => a - b);
          const median = histogramQuantile(sums, 0.5) as number;
          const p90 = histogramQuantile(sums, 0.9) as number;
          expect(p90).toBeGreaterThanOrEqual(median);
          const trueMedian = sorted[Math.ceil(sorted.length / 2) - 1] as number;
          const i = acceptBucket(trueMedian);
          const lo = i === 0 ? 0 : (ACCEPT_BUCKETS[i - 1] as number);
          const hi = ACCEPT_BUCKETS[i] ?? lo;
          expect(median).toBeGreaterThanOrEqual(Math.round(lo * 10) / 10 - 0.05);
          expect(median).toBeLessThanOrEqual(hi + 0.05);
        },
      ),
    );
  });
});

describe("toCounters", () => {
  it("derives the fulfilment rate from outcomes and the rating from sums", () => {
    const c = toCounters({
      requested: 10,
      completed: 3,
      declined: 1,
      cancelled: 1,
      expired: 1,
      ratingSum: 9,
      ratingCount: 2,
    });
    expect(c.fulfilmentRate).toBe(0.5);
    expect(c.ratingAvg).toBe(4.5);
    expect(toCounters({ requested: 3 })).toMatchObject({
      fulfilmentRate: null,
      ratingAvg: null,
      completed: 0,
    });
  });
});

describe("statsRange", () => {
  const now = new Date("2025-03-30T17:00:00Z"); // 2025-03-31 in Shanghai
  it("defaults to the last 30 Shanghai days, or 30 days from `from`", () => {
    expect(statsRange({}, now)).toEqual({ from: "2025-03-02", to: "2025-03-31" });
    expect(statsRange({ to: "2025-01-30" }, now)).toEqual({ from: "2025-01-01", to: "2025-01-30" });
    expect(statsRange({ from: "2025-02-01" }, now)).toEqual({ from: "2025-02-01", to: "2025-03-02" });
  });
  it("refuses reversed ranges, ranges over 366 days and impossible dates", () => {
    expect(() => statsRange({ from: "2025-03-02", to: "2025-03-01" }, now)).toThrow(ValidationFailed);
    expect(() => statsRange({ from: "2024-01-01", to: "2025-01-01" }, now)).toThrow(ValidationFailed);
    expect(() => statsRange({ from: "2025-02-29" }, now)).toThrow(ValidationFailed);
    expect(statsRange({ from: "2024-01-01", to: "2024-12-31" }, now).to).toBe("2024-12-31");
    expect(daysBetween("2024-02-28", "2024-03-01")).toEqual(["2024-02-28", "2024-02-29", "2024-03-01"]);
  });
});
