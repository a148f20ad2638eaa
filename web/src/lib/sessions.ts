/**
 * Scheduled services as residents read them. Sessions run on the district's clock
 * (shared/clock.ts, Asia/Shanghai, as the API expands them), whatever the phone's
 * time zone: a Saturday-morning haircut is 周六 09:00 everywhere.
 * Also the two recurrence rules the volunteer form writes, and their words.
 */
import {
  addDays,
  type LocalTime,
  localDay,
  localTime,
  WEEKDAY_NAMES,
  zonedInstant,
} from "../../../shared/clock.ts";
import type { Schedule, Session } from "../../../shared/sessions.ts";

export { addDays };

const WEEKDAYS = WEEKDAY_NAMES;
/** RFC 5545 weekday codes, Sunday first (as Date#getUTCDay). */
export const RRULE_DAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"] as const;
export type RruleDay = (typeof RRULE_DAYS)[number];
const pad = (n: number) => String(n).padStart(2, "0");

/** An instant on the district's clock, or null for a string that is no instant. */
function local(iso: string): LocalTime | null {
  return Number.isFinite(Date.parse(iso)) ? localTime(iso) : null;
}

/** Today on the district's clock, YYYY-MM-DD (the API's `from`/`to` days). */
export const today = (now = Date.now()): string => localDay(now);

/** The local day of an instant, YYYY-MM-DD. */
export const dayKey = (iso: string): string => local(iso)?.date ?? "";

/** "12月5日" */
export function monthDay(iso: string): string {
  const t = local(iso);
  return t ? `${t.month}月${t.day}日` : "";
}

/** "周六" */
export function weekday(iso: string): string {
  const t = local(iso);
  return t ? `周${WEEKDAYS[t.weekday]}` : "";
}

/** "09:00" */
export function clock(iso: string): string {
  return local(iso)?.time ?? "";
}

/** "09:00–11:00", or just the start. */
export const timeRange = (startsAt: string, endsAt?: string): string =>
  endsAt ? `${clock(startsAt)}–${clock(endsAt)}` : clock(startsAt);

/** "12月5日（周六）09:00–11:00" */
export const sessionWhen = (s: { startsAt: string; endsAt?: string }): string =>
  `${monthDay(s.startsAt)}（${weekday(s.startsAt)}）${timeRange(s.startsAt, s.endsAt)}`;

/** A day heading on the calendar: "今天 · 11月30日 周一". */
export function dayHeading(day: string, now = Date.now()): string {
  const iso = zonedInstant(day).toISOString();
  const first = day === today(now) ? "今天 · " : day === addDays(today(now), 1) ? "明天 · " : "";
  return `${first}${monthDay(iso)} ${weekday(iso)}`;
}

/** Seats left on a session (or a one-off event on the calendar): 剩 N 位, 候补, 已取消. */
export function sessionSeats(s: {
  capacity: number;
  seatsTaken: number;
  waitlistCount: number;
  status?: Session["status"];
}): { text: string; full: boolean } {
  if (s.status === "cancelled") return { text: "已取消", full: true };
  const left = Math.max(0, s.capacity - s.seatsTaken);
  if (left > 0) return { text: `剩 ${left} 位`, full: false };
  return { text: s.waitlistCount ? `候补（${s.waitlistCount} 人）` : "候补", full: true };
}

// ---------- recurrence rules ----------

export const NTH_WORDS: Record<string, string> = {
  "1": "第一个",
  "2": "第二个",
  "3": "第三个",
  "4": "第四个",
  "-1": "最后一个",
};

/** Every week on these days: `FREQ=WEEKLY;BYDAY=SA` or `…;BYDAY=TU,TH`. */
export const weeklyRule = (days: readonly RruleDay[]): string => `FREQ=WEEKLY;BYDAY=${days.join(",")}`;

/** The nth (or last, -1) weekday of every month: `FREQ=MONTHLY;BYDAY=1MO`. */
export const monthlyRule = (nth: string, day: RruleDay): string => `FREQ=MONTHLY;BYDAY=${nth}${day}`;

const dayWord = (code: string) => {
  const i = RRULE_DAYS.findIndex((d) => d === code);
  return i < 0 ? null : WEEKDAYS[i];
};

/** The rule the form can show again: weekly days, or the nth weekday of the month. */
export function readRule(
  rule: string,
): { kind: "weekly"; days: RruleDay[] } | { kind: "monthly"; nth: string; day: RruleDay } | null {
  const parts = new Map(rule.split(";").map((p) => [p.split("=")[0] ?? "", p.split("=")[1] ?? ""]));
  const byday = (parts.get("BYDAY") ?? "").split(",").filter(Boolean);
  if (parts.size !== 2 || !byday.length) return null;
  const isDay = (d: string): d is RruleDay => RRULE_DAYS.some((x) => x === d);
  if (parts.get("FREQ") === "WEEKLY" && byday.every(isDay)) return { kind: "weekly", days: byday };
  const m = /^(-1|[1-4])([A-Z]{2})$/.exec(byday[0] ?? "");
  if (parts.get("FREQ") === "MONTHLY" && byday.length === 1 && m?.[1] && m[2] && isDay(m[2]))
    return { kind: "monthly", nth: m[1], day: m[2] };
  return null;
}

/** "每周六", "每周二、四", "每月第一个周一", or a plain word for a rule the form does not write. */
export function ruleText(rule: string): string {
  const r = readRule(rule);
  if (r?.kind === "weekly") return `每周${r.days.map(dayWord).join("、")}`;
  if (r?.kind === "monthly") return `每月${NTH_WORDS[r.nth] ?? ""}周${dayWord(r.day) ?? ""}`;
  if (rule.startsWith("FREQ=DAILY")) return "每天";
  return "定期举办";
}

/** "每周六 09:00–11:00，每场 20 位" */
export function scheduleText(s: Schedule): string {
  const [hh = 0, mm = 0] = s.startTime.split(":").map(Number);
  const end = hh * 60 + mm + s.durationMinutes;
  const endText = end < 24 * 60 ? `–${pad(Math.floor(end / 60))}:${pad(end % 60)}` : "";
  return `${ruleText(s.rrule)} ${s.startTime}${endText}，每场 ${s.capacity} 位`;
}
