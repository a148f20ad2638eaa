/**
 * The contract of scheduled services (API.md v1.1 "Scheduled services"): a listing's
 * schedule, its sessions, and the inputs of the session routes. Each schema beside
 * its type; GET /api/openapi.json is generated from them with the rest.
 */
import * as z from "zod";

/** A calendar day, YYYY-MM-DD (2026-02-30 is refused). */
export const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式为 YYYY-MM-DD")
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, "无效的日期");

export const Schedule = z
  .strictObject({
    /** RFC 5545 RRULE body: FREQ=WEEKLY;BYDAY=SA, FREQ=MONTHLY;BYDAY=1MO, … */
    rrule: z.string().min(1).max(200),
    /** Local (Asia/Shanghai) start time, HH:MM. */
    startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "时间格式为 HH:MM"),
    durationMinutes: z.int().min(15).max(720),
    from: Day,
    until: Day.optional(),
    /** Seats per session. */
    capacity: z.int().min(1).max(2000),
  })
  .refine((s) => !s.until || s.until >= s.from, { message: "结束日期不能早于开始日期", path: ["until"] })
  .meta({ id: "Schedule" });
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
    cancelReason: z.string().optional(),
  })
  .meta({ id: "Session" });
export type Session = z.infer<typeof Session>;

export const SessionList = z.object({ items: z.array(Session) });

/** `/api/listings/{id}/sessions/{sessionId}/…`: a session's id is its local start, `20261128-0900`. */
export const SessionParams = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "无效的编号"),
  sessionId: z.string().regex(/^\d{8}-\d{4}$/, "无效的场次"),
});

export const SessionsQuery = z.object({ from: Day.optional(), to: Day.optional() });
export type SessionsQuery = z.infer<typeof SessionsQuery>;

export const SessionCancelInput = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(1, "请写明取消原因")
    .refine((s) => [...s].length <= 200, "最多 200 个字"),
});
