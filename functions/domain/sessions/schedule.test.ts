import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.ts";
import { occurrences, parseRule, type ScheduleSpec, sessionTimes, upcoming } from "./schedule.ts";

const spec = (over: Partial<ScheduleSpec> = {}): ScheduleSpec => ({
  rrule: "FREQ=WEEKLY;BYDAY=SA",
  startTime: "09:00",
  durationMinutes: 120,
  from: "2026-11-01",
  capacity: 20,
  ...over,
});
const at = (iso: string) => new Date(iso);

describe("occurrences", () => {
  it("puts every Saturday 09:00 in Shanghai at 01:00 UTC, across a month end", () => {
    // Act
    const got = occurrences(spec(), at("2026-11-20T00:00:00Z"), at("2026-12-10T00:00:00Z"));
    // Assess
    expect(got).toEqual([
      { id: "20261121-0900", startsAt: "2026-11-21T01:00:00.000Z", endsAt: "2026-11-21T03:00:00.000Z" },
      { id: "20261128-0900", startsAt: "2026-11-28T01:00:00.000Z", endsAt: "2026-11-28T03:00:00.000Z" },
      { id: "20261205-0900", startsAt: "2026-12-05T01:00:00.000Z", endsAt: "2026-12-05T03:00:00.000Z" },
    ]);
  });

  it("finds the first Monday of each month across a year end", () => {
    const got = occurrences(
      spec({ rrule: "FREQ=MONTHLY;BYDAY=1MO", startTime: "08:30" }),
      at("2026-11-15T00:00:00Z"),
      at("2027-03-15T00:00:00Z"),
    );
    expect(got.map((s) => s.id)).toEqual([
      "20261207-0830",
      "20270104-0830",
      "20270201-0830",
      "20270301-0830",
    ]);
  });

  it("keeps a late-evening session on its local day (UTC is the day before)", () => {
    const got = occurrences(
      spec({ rrule: "FREQ=WEEKLY;BYDAY=MO", startTime: "07:00" }),
      at("2026-11-29T00:00:00Z"),
      at("2026-12-01T00:00:00Z"),
    );
    expect(got).toEqual([
      { id: "20261130-0700", startsAt: "2026-11-29T23:00:00.000Z", endsAt: "2026-11-30T01:00:00.000Z" },
    ]);
  });

  it("stops at the until day, inclusive, and starts no earlier than from", () => {
    const got = occurrences(
      spec({ from: "2026-12-01", until: "2026-12-12" }),
      at("2026-11-01T00:00:00Z"),
      at("2027-01-01T00:00:00Z"),
    );
    expect(got.map((s) => s.id)).toEqual(["20261205-0900", "20261212-0900"]);
  });

  it("expands the same schedule to the same sessions, in order, inside the window", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          "FREQ=WEEKLY;BYDAY=SA",
          "FREQ=WEEKLY;BYDAY=MO,WE",
          "FREQ=MONTHLY;BYDAY=1MO",
          "FREQ=DAILY",
        ),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 400 }),
        (rrule, hour, dayOffset) => {
          const s = spec({ rrule, startTime: `${String(hour).padStart(2, "0")}:00` });
          const now = new Date(Date.UTC(2026, 10, 1) + dayOffset * 86_400_000);
          const a = upcoming(s, now);
          expect(upcoming(s, now)).toEqual(a);
          for (const x of a) {
            expect(Date.parse(x.startsAt)).toBeGreaterThanOrEqual(now.getTime());
            expect(x.id.slice(-4)).toBe(`${String(hour).padStart(2, "0")}00`);
            expect(sessionTimes(x.id, 120)).toEqual(x);
          }
          expect([...a].sort((p, q) => p.startsAt.localeCompare(q.startsAt))).toEqual(a);
        },
      ),
    );
  });
});

describe("parseRule", () => {
  it.each([
    "FREQ=WEEKLY;BYDAY=XX",
    "FREQ=YEARLY",
    "FREQ=HOURLY",
    "DTSTART:20260101T000000Z",
    "FREQ=WEEKLY;COUNT=3",
    "FREQ=WEEKLY\nRRULE:FREQ=DAILY",
    "",
  ])("refuses %j with a 400", (rule) => {
    expect(() => parseRule(rule)).toThrow(DomainError);
  });
});

describe("sessionTimes", () => {
  it("refuses ids that are no real local time", () => {
    expect(sessionTimes("20260230-0900", 60)).toBeNull();
    expect(sessionTimes("2026-11-28", 60)).toBeNull();
    expect(sessionTimes("20261128-2460", 60)).toBeNull();
  });
});
