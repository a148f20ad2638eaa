/**
 * The contract of scheduled services (API.md v1.1 "Scheduled services"): a listing's
 * schedule, its sessions, and the inputs of the session routes. Each schema beside
 * its type; GET /api/openapi.json is generated from them with the rest.
 */
import * as z from "zod/mini";
import { Day } from "./schedule.ts";

// A listing's schedule and the calendar day are in schedule.ts (every listing carries them; this file's sessions only some pages).
export { Day, Schedule } from "./schedule.ts";

export const SessionStatus = z.enum(["open", "cancelled", "past"]);

export const Session = z.object({
  id: z.string(),
  listingId: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.int(),
  seatsTaken: z.int(),
  waitlistCount: z.int(),
  status: SessionStatus,
  cancelReason: z.optional(z.string()),
});
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
