/**
 * A listing's schedule (API.md v1.1 "Scheduled services") and the calendar day it is
 * written in: on every listing, so apart from the sessions and their routes
 * (sessions.ts, which re-exports them).
 */
import * as z from "zod/mini";

/** A calendar day, YYYY-MM-DD (2026-02-30 is refused). */
export const Day = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式为 YYYY-MM-DD"),
  z.refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, "无效的日期"),
);

export const Schedule = z
  .strictObject({
    /** RFC 5545 RRULE body: FREQ=WEEKLY;BYDAY=SA, FREQ=MONTHLY;BYDAY=1MO, … */
    rrule: z.string().check(z.minLength(1), z.maxLength(200)),
    /** Local (Asia/Shanghai) start time, HH:MM. */
    startTime: z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, "时间格式为 HH:MM")),
    durationMinutes: z.int().check(z.gte(15), z.lte(720)),
    from: Day,
    until: z.optional(Day),
    /** Seats per session. */
    capacity: z.int().check(z.gte(1), z.lte(2000)),
  })
  .check(
    z.refine((s) => !s.until || s.until >= s.from, { message: "结束日期不能早于开始日期", path: ["until"] }),
  );
export type Schedule = z.infer<typeof Schedule>;
