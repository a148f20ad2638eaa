import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, daysBetween, localDay, localMonth, localTime, whenWords, zonedInstant } from "./clock.ts";

describe("the district's clock", () => {
  it("reads Asia/Shanghai whatever the process's zone", () => {
    // Prepare: 2026-12-05 01:00 UTC is 09:00 on a Saturday in the district.
    const at = "2026-12-05T01:00:00.000Z";
    // Act
    const t = localTime(at);
    // Assess
    expect(t).toMatchObject({ date: "2026-12-05", time: "09:00", weekday: 6, hour: 9 });
    expect(localDay("2026-12-31T16:30:00Z")).toBe("2027-01-01");
    expect(localMonth("2026-11-30T16:00:00Z")).toBe("2026-12");
  });

  // From 1992: China kept daylight saving in 1986–1991, when some local times came twice.
  it("turns a local day and time back into the instant, for any instant", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const at = Math.floor(ms / 60_000) * 60_000;
        const t = localTime(at);
        expect(zonedInstant(t.date, t.time).getTime()).toBe(at);
      }),
    );
    expect(zonedInstant("2026-12-05").toISOString()).toBe("2026-12-04T16:00:00.000Z");
  });

  it("counts calendar days across months and years", () => {
    expect(addDays("2026-12-30", 3)).toBe("2027-01-02");
    expect(daysBetween("2026-02-27", "2026-03-01")).toBe(2);
  });

  it("says a time as residents do, tight for texts and spaced for pages", () => {
    expect(whenWords("2026-12-05T01:00:00Z")).toBe("12月5日周六上午9:00");
    expect(whenWords("2026-12-05T06:30:00Z", { spaced: true })).toBe("12月5日 周六 下午\u00a02:30");
  });
});

describe("one clock", () => {
  it("is the only place that turns instants into the district's days and hours", async () => {
    // Prepare: every source file outside this module and the tests.
    const { readdirSync, readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const root = join(import.meta.dirname, "..");
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
        const rel = join(dir, e.name);
        if (e.isDirectory()) {
          if (!["node_modules", "dist", ".astro"].includes(e.name)) walk(rel);
        } else if (/\.(ts|astro)$/.test(e.name) && !/\.test\.ts$/.test(e.name)) files.push(rel);
      }
    };
    for (const dir of ["shared", "functions", "web/src", "infra"]) walk(dir);
    // Act: a hand-written UTC+8 offset, a +08:00 literal, or a read of the computer's own zone.
    const offenders = files
      .filter((f) => f !== join("shared", "clock.ts"))
      .flatMap((f) =>
        readFileSync(join(root, f), "utf8")
          .split("\n")
          .map((line, i) => ({ f, i: i + 1, line }))
          .filter(({ line }) =>
            /\b8 \* (3_?600_?000|60 \* 60)|\+08:00|\.get(Hours|Day|Date|Month|FullYear|Minutes|Seconds)\(\)/.test(
              line,
            ),
          ),
      )
      .map(({ f, i, line }) => `${f}:${i}: ${line.trim()}`);
    // Assess
    expect(offenders).toEqual([]);
  });
});
