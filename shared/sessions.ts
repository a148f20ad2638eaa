/**
 * The contract of scheduled services (API.md v1.1 "Scheduled services"): a listing's
 * schedule, its sessions, and the inputs of the session routes. Each schema beside
 * its type; GET /api/openapi.json is generated from them with the rest.
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
  )
  .register(z.globalRegistry, { id: "Schedule" });
export type Schedule = z.infer<typeof Schedule>;

export const SessionStatus = z.enum(["open", "cancelled", "past"]);

export const Session = z
  .object({
    id: z.string(),
    listingId: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    capacity: z.int(),
    seatsTaken: z.int(),
    waitlistCount: z.int(),
    status: SessionStatus,
    cancelReason: z.optional(z.string()),
  })
  .register(z.globalRegistry, { id: "Session" });
export type Session = z.infer<typeof Session>;

export const SessionList = z.object({ items: z.array(Session) });

/** `/api/listings/{id}/sessions/{sessionId}/…`: a session's id is its local start, `20261128-0900`. */
export const SessionParams = z.strictObject({
  id: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, "无效的编号")),
  sessionId: z.string().check(z.regex(/^\d{8}-\d{4}$/, "无效的场次")),
});

export const SessionsQuery = z.object({ from: z.optional(Day), to: z.optional(Day) });
export type SessionsQuery = z.infer<typeof SessionsQuery>;

export const SessionCancelInput = z.strictObject({
  reason: z.string().check(
    z.trim(),
    z.minLength(1, "请写明取消原因"),
    z.refine((s) => [...s].length <= 200, "最多 200 个字"),
  ),
});
