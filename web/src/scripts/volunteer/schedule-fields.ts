/**
 * 举办方式 in the listing form (components/volunteer/ScheduleFields.astro): once,
 * every week on some days, or the nth weekday of every month, read into the API's
 * `schedule` {rrule, startTime, durationMinutes, from, until?, capacity} and shown
 * again when a scheduled listing is edited.
 */
import type { Schedule } from "../../../../shared/sessions.ts";
import { $, control } from "../../lib/dom.ts";
import {
  monthlyRule,
  RRULE_DAYS,
  type RruleDay,
  readRule,
  scheduleText,
  today,
  weeklyRule,
} from "../../lib/sessions.ts";

const input = (id: string) => control(id, HTMLInputElement);
const select = (id: string) => control(id, HTMLSelectElement);
const isDay = (d: string): d is RruleDay => RRULE_DAYS.some((x) => x === d);
const dayBoxes = () => [...document.querySelectorAll<HTMLInputElement>('#weekly-box input[name="byday"]')];
const minutes = (hhmm: string) => {
  const [h = Number.NaN, m = Number.NaN] = hhmm.split(":").map(Number);
  return h * 60 + m;
};

/** Whether the form asks for a schedule (an event that repeats). */
export const repeats = (): boolean => select("f-repeat").value !== "once";

function rule(): string | null {
  if (select("f-repeat").value === "monthly") {
    const day = select("f-mday").value;
    return isDay(day) ? monthlyRule(select("f-nth").value, day) : null;
  }
  const days = dayBoxes()
    .filter((b) => b.checked)
    .map((b) => b.value)
    .filter(isDay);
  return days.length ? weeklyRule(days) : null;
}

/** The schedule the form says, or what is missing from it (in words). */
export function readSchedule(capacity: number): { schedule?: Schedule; problem?: string } {
  if (!repeats()) return {};
  const rrule = rule();
  if (!rrule) return { problem: "请选择每周哪几天" };
  const startTime = input("f-s-start").value;
  const durationMinutes = minutes(input("f-s-end").value) - minutes(startTime);
  if (!startTime || !(durationMinutes > 0)) return { problem: "每场的结束时间要晚于开始时间" };
  if (durationMinutes < 15) return { problem: "每场至少 15 分钟" };
  const until = input("f-s-until").value;
  return {
    schedule: {
      rrule,
      startTime,
      durationMinutes,
      from: input("f-s-from").value || today(),
      ...(until ? { until } : {}),
      capacity,
    },
  };
}

/** Show the fields the chosen 举办方式 needs, and the schedule in words. */
export function syncSchedule(kind: string, capacity: number): void {
  const mode = kind === "event" ? select("f-repeat").value : "once";
  $("#schedule-box").hidden = mode === "once";
  $("#weekly-box").hidden = mode !== "weekly";
  $("#monthly-box").hidden = mode !== "monthly";
  $("#once-box").hidden = mode !== "once";
  const { schedule, problem } = readSchedule(capacity);
  $("#schedule-text").textContent = schedule ? `居民会看到：${scheduleText(schedule)}` : (problem ?? "");
}

/** Put a listing's schedule (or none) into the fields. */
export function fillSchedule(s: Schedule | undefined): void {
  const r = s ? readRule(s.rrule) : null;
  select("f-repeat").value = r?.kind ?? "once";
  for (const b of dayBoxes()) b.checked = r?.kind === "weekly" && r.days.some((d) => d === b.value);
  if (r?.kind === "monthly") {
    select("f-nth").value = r.nth;
    select("f-mday").value = r.day;
  }
  input("f-s-start").value = s?.startTime ?? "09:00";
  const end = s ? minutes(s.startTime) + s.durationMinutes : 11 * 60;
  input("f-s-end").value =
    `${String(Math.floor(end / 60) % 24).padStart(2, "0")}:${String(end % 60).padStart(2, "0")}`;
  input("f-s-from").value = s?.from ?? today();
  input("f-s-until").value = s?.until ?? "";
}

const FIELDS = ["rrule", "startTime", "durationMinutes", "from", "until", "capacity"] as const;

/** Whether two schedules are the same (an edit sends the schedule only when it changed). */
export const sameSchedule = (a: Schedule | undefined, b: Schedule | undefined): boolean =>
  a === undefined || b === undefined ? a === b : FIELDS.every((k) => a[k] === b[k]);
