/** The days a dashboard read covers: calendar-valid, in order, at most a year. */
import { localDay } from "../../../shared/clock.ts";
import { ValidationFailed } from "../errors.ts";

export const MAX_RANGE_DAYS = 366;
export const DEFAULT_RANGE_DAYS = 30;

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** A calendar-valid YYYY-MM-DD (rejects 2025-02-30). */
function isCalendarDay(day: string): boolean {
  const n = dayNumber(day);
  return Number.isFinite(n) && dayOf(n) === day;
}

/** The days a dashboard read covers: defaults to the last 30 days; 400 when reversed or too long. */
export function statsRange(
  query: { from?: string; to?: string },
  now = new Date(),
): { from: string; to: string } {
  for (const [where, day] of [
    ["from", query.from],
    ["to", query.to],
  ] as const) {
    if (day !== undefined && !isCalendarDay(day))
      throw new ValidationFailed(`日期无效：${day}`, [{ in: "query", path: where, message: "无效的日期" }]);
  }
  const to = query.to ?? (query.from ? dayOf(dayNumber(query.from) + DEFAULT_RANGE_DAYS - 1) : localDay(now));
  const from = query.from ?? dayOf(dayNumber(to) - DEFAULT_RANGE_DAYS + 1);
  if (from > to)
    throw new ValidationFailed("开始日期不能晚于结束日期", [
      { in: "query", path: "from", message: "开始日期晚于结束日期" },
    ]);
  if (dayNumber(to) - dayNumber(from) + 1 > MAX_RANGE_DAYS)
    throw new ValidationFailed(`日期范围最多 ${MAX_RANGE_DAYS} 天`, [
      { in: "query", path: "to", message: `范围超过 ${MAX_RANGE_DAYS} 天` },
    ]);
  return { from, to };
}

export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let n = dayNumber(from); n <= dayNumber(to); n++) out.push(dayOf(n));
  return out;
}
