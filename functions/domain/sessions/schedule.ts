/**
 * Schedules, pure: an RFC 5545 recurrence rule (parsed by the `rrule` library), a
 * local start time and a duration turned into sessions, on the district's clock
 * (shared/clock.ts). A session's id is its local start
 * (`20261128-0900`), so expanding the same schedule twice makes the same sessions.
 */

import rrule from "rrule";
import { localTime, zonedInstant } from "../../../shared/clock.ts";
import { ValidationFailed } from "../errors.ts";

const { RRule } = rrule;

export interface ScheduleSpec {
  /** e.g. `FREQ=WEEKLY;BYDAY=SA` or `FREQ=MONTHLY;BYDAY=1MO`. */
  rrule: string;
  /** Local start, `HH:MM`. */
  startTime: string;
  durationMinutes: number;
  /** First local day it may run, `YYYY-MM-DD`. */
  from: string;
  /** Last local day it may run (inclusive). */
  until?: string | undefined;
  /** Seats per session. */
  capacity: number;
}

export interface SessionTimes {
  id: string;
  startsAt: string;
  endsAt: string;
}

const FREQUENCIES = new Set([RRule.DAILY, RRule.WEEKLY, RRule.MONTHLY]);
/** Sessions expand this far ahead; later ones appear as time passes (the daily job). */
export const HORIZON_DAYS = 56;
/** No rule may make more sessions than this within the horizon. */
export const MAX_SESSIONS_IN_HORIZON = 60;

const invalid = (message: string) =>
  new ValidationFailed(message, [{ in: "body", path: "schedule.rrule", message }]);

/** The rule's options, or a 400: only a plain RRULE body of a daily, weekly or monthly rule. */
export function parseRule(rule: string) {
  if (!/^[A-Z0-9=;,+-]{1,200}$/.test(rule) || /DTSTART|UNTIL|COUNT/.test(rule))
    throw invalid("重复规则无效：只写 FREQ、BYDAY 等，例如 FREQ=WEEKLY;BYDAY=SA");
  let options: ReturnType<typeof RRule.parseString>;
  try {
    options = RRule.parseString(rule);
    new RRule(options).toString();
  } catch {
    throw invalid("无法识别的重复规则");
  }
  if (options.freq === undefined || !FREQUENCIES.has(options.freq))
    throw invalid("重复规则须为每天、每周或每月（FREQ=DAILY/WEEKLY/MONTHLY）");
  return options;
}

/** A local date-time as a Date whose UTC fields carry the local fields (what rrule computes in). */
const floating = (day: string, time: string) => new Date(`${day}T${time}:00Z`);
const pad = (n: number) => String(n).padStart(2, "0");

/** `20261128-0900` for a floating local date-time. */
function idOf(local: Date): string {
  return `${local.getUTCFullYear()}${pad(local.getUTCMonth() + 1)}${pad(local.getUTCDate())}-${pad(local.getUTCHours())}${pad(local.getUTCMinutes())}`;
}

/** The district's wall clock at an instant, as a floating date-time. */
function floatingAt(at: Date): Date {
  const t = localTime(at);
  return new Date(`${t.date}T${t.time}:${pad(t.second)}Z`);
}

/** A session's start and end from its id and the duration. */
export function sessionTimes(id: string, durationMinutes: number): SessionTimes | null {
  const m = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})$/.exec(id);
  if (!m) return null;
  const local = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (!Number.isFinite(local) || idOf(new Date(local)) !== id) return null;
  const start = zonedInstant(`${m[1]}-${m[2]}-${m[3]}`, `${m[4]}:${m[5]}`).getTime();
  return {
    id,
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + durationMinutes * 60_000).toISOString(),
  };
}

/** The sessions of `spec` starting within [after, before), in order. */
export function occurrences(spec: ScheduleSpec, after: Date, before: Date): SessionTimes[] {
  const rule = new RRule({ ...parseRule(spec.rrule), dtstart: floating(spec.from, spec.startTime) });
  const lastLocal = spec.until ? floating(spec.until, "23:59").getTime() : Number.POSITIVE_INFINITY;
  const out: SessionTimes[] = [];
  const local = rule.between(floatingAt(after), floatingAt(before), true);
  for (const d of local) {
    if (d.getTime() > lastLocal || out.length >= MAX_SESSIONS_IN_HORIZON) break;
    const t = sessionTimes(idOf(d), spec.durationMinutes);
    if (t && Date.parse(t.startsAt) >= after.getTime() && Date.parse(t.startsAt) < before.getTime())
      out.push(t);
  }
  return out;
}

/** The sessions that should exist now: from `now` to the horizon. */
export const upcoming = (spec: ScheduleSpec, now: Date) =>
  occurrences(spec, now, new Date(now.getTime() + HORIZON_DAYS * 86_400_000));
