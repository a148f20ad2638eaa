import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EVENT_WITHOUT_END_HOURS, MAX_BOOKING_HOURS, maxHours, servedFrom } from "./served.ts";

describe("served", () => {
  it("serves a timed booking from its start, an on-demand one from its acceptance", () => {
    expect(servedFrom({ startsAt: "2026-12-05T01:00:00.000Z", acceptedAt: "2026-12-01T01:00:00.000Z" })).toBe(
      Date.parse("2026-12-05T01:00:00.000Z"),
    );
    expect(servedFrom({ acceptedAt: "2026-12-01T01:00:00.000Z" })).toBe(
      Date.parse("2026-12-01T01:00:00.000Z"),
    );
  });

  it("bounds the hours by the length, up to the next half hour, within 0.5–12", () => {
    const at = (h: number) => new Date(Date.parse("2026-12-05T01:00:00.000Z") + h * 3_600_000).toISOString();
    expect(maxHours({ startsAt: at(0), endsAt: at(2) })).toBe(2);
    expect(maxHours({ startsAt: at(0), endsAt: at(1.2) })).toBe(1.5);
    expect(maxHours({ startsAt: at(0), endsAt: at(0.1) })).toBe(0.5);
    expect(maxHours({ startsAt: at(0), endsAt: at(30) })).toBe(MAX_BOOKING_HOURS);
    expect(maxHours({ startsAt: at(0) })).toBe(EVENT_WITHOUT_END_HOURS);
    expect(maxHours({})).toBe(MAX_BOOKING_HOURS);
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 48, noNaN: true }), (h) => {
        const max = maxHours({ startsAt: at(0), endsAt: at(h) });
        expect(max).toBeGreaterThanOrEqual(Math.min(h, MAX_BOOKING_HOURS));
        expect(max - Math.min(h, MAX_BOOKING_HOURS)).toBeLessThan(0.5 + 1e-9);
        expect(max * 2).toBe(Math.round(max * 2));
      }),
    );
  });
});
