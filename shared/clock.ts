/**
 * The district's clock: Asia/Shanghai, read through `Intl.DateTimeFormat` with
 * `timeZone: "Asia/Shanghai"` — the one place the functions, the jobs, the web pages
 * and the demo data turn an instant into the day and hour the district lives by, and
 * back. No offset is written by hand anywhere: a resident's 9:00 is whatever the
 * zone database says it is, in a Lambda (UTC) or in a browser set to any zone.
 *
 * Days are `YYYY-MM-DD` strings; calendar arithmetic on them (`addDays`, `daysBetween`)
 * needs no zone at all.
 */

export const DISTRICT_TIME_ZONE = "Asia/Shanghai";

const FORMAT = new Intl.DateTimeFormat("en-US", {
  timeZone: DISTRICT_TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  weekday: "short",
});
const WEEKDAY_INDEX: Readonly<Record<string, number>> = {
  Sun: 0,
  Mon: 1,
  Tue: 2,
  Wed: 3,
  Thu: 4,
  Fri: 5,
  Sat: 6,
};

/** What the district's clock reads at an instant. */
export interface LocalTime {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
  /** 0–23 */
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:MM` */
  time: string;
}

export type Instant = Date | string | number;

const toMs = (at: Instant) =>
  at instanceof Date ? at.getTime() : typeof at === "number" ? at : Date.parse(at);
const pad = (n: number) => String(n).padStart(2, "0");

/** The district's clock at `at` (a Date, an ISO string or epoch milliseconds). */
export function localTime(at: Instant): LocalTime {
  const ms = toMs(at);
  if (!Number.isFinite(ms)) throw new RangeError(`not an instant: ${String(at)}`);
  const p: Record<string, string> = {};
  for (const part of FORMAT.formatToParts(ms)) p[part.type] = part.value;
  const t = {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
    weekday: WEEKDAY_INDEX[p.weekday ?? ""] ?? 0,
  };
  return {
    ...t,
    date: `${String(t.year).padStart(4, "0")}-${pad(t.month)}-${pad(t.day)}`,
    time: `${pad(t.hour)}:${pad(t.minute)}`,
  };
}

/** The district's calendar day (`YYYY-MM-DD`) of an instant. */
export const localDay = (at: Instant): string => localTime(at).date;

/** The district's month (`YYYY-MM`) of an instant, as the dashboard and rankings count. */
export const localMonth = (at: Instant): string => localDay(at).slice(0, 7);

/**
 * The instant at which the district's clock reads `day` `time` (`HH:MM`, default
 * midnight). The zone's offset is read from the formatter, not assumed.
 */
export function zonedInstant(day: string, time = "00:00"): Date {
  const [y, m, d] = day.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  const wall = Date.UTC(y ?? Number.NaN, (m ?? Number.NaN) - 1, d ?? Number.NaN, hh ?? 0, mm ?? 0);
  if (!Number.isFinite(wall)) throw new RangeError(`not a local time: ${day} ${time}`);
  let guess = wall;
  // Two steps settle any zone (one is enough for a zone without daylight saving).
  for (let i = 0; i < 2; i++) {
    const t = localTime(guess);
    const seen = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
    guess += wall - seen;
  }
  return new Date(guess);
}

/** `day` moved by `n` calendar days. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The weekday (0 = Sunday) of a calendar day. */
export const weekdayOf = (day: string): number => new Date(`${day}T00:00:00Z`).getUTCDay();

export const WEEKDAY_NAMES = "日一二三四五六";

/** 上午 / 下午 / 晚上 for an hour of the district's day. */
export const partOfDay = (hour: number): string => (hour < 12 ? "上午" : hour < 18 ? "下午" : "晚上");

/** The time of day as residents say it: `上午9:00` (spaced: `上午\u00a09:00`, kept on one line). */
export function timeWords(at: Instant, opts: { spaced?: boolean } = {}): string {
  const t = localTime(at);
  const h12 = t.hour > 12 ? t.hour - 12 : t.hour;
  return `${partOfDay(t.hour)}${opts.spaced ? "\u00a0" : ""}${h12}:${pad(t.minute)}`;
}

/**
 * An instant as residents say it, on the district's clock: `12月6日周六上午9:00`
 * (a text, where every character counts), or spaced for the page, `12月6日 周六 上午 9:00`,
 * with a no-break space that keeps `上午 9:00` on one line. One wording for texts,
 * slips, the family page and 我的预约.
 */
export function whenWords(at: Instant, opts: { spaced?: boolean } = {}): string {
  const t = localTime(at);
  const gap = opts.spaced ? " " : "";
  return `${t.month}月${t.day}日${gap}周${WEEKDAY_NAMES[t.weekday]}${gap}${timeWords(at, opts)}`;
}
