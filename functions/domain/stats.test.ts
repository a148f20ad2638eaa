import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CATEGORY_SLUGS } from "../../shared/categories.ts";
import { keys } from "../../shared/keys.ts";
import { BookingStatus } from "../../shared/schemas.ts";
import {
  ACCEPT_BUCKETS,
  acceptBucket,
  type StatEvent,
  type StatFact,
  shanghaiDay,
  statsUpdates,
} from "./stats.ts";

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

describe("shanghaiDay", () => {
  it("buckets by the Asia/Shanghai calendar day", () => {
    expect(shanghaiDay(new Date("2025-03-10T15:59:59Z"))).toBe("2025-03-10");
    expect(shanghaiDay(new Date("2025-03-10T16:00:00Z"))).toBe("2025-03-11");
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
          const day = shanghaiDay(f.at);
          for (const x of u.slice(0, 3)) {
            expect(x.Key.sk.startsWith(`${day}#`)).toBe(true);
            expect(adds(x)[f.event]).toBe(1);
          }
        },
      ),
    );
  });
});
