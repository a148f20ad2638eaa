/**
 * A booking in the words the slip (scripts/staff/slip.ts) and the family's page
 * (scripts/family/shared-booking.ts) both print: when, in the district's time, and
 * what happens next.
 */
import type { Booking } from "../../../shared/schemas.ts";

const WEEKDAYS = "日一二三四五六";

/**
 * `12月6日 周六 上午 9:00` in Asia/Shanghai (the district's time, whatever the computer's zone);
 * a no-break space keeps `上午 9:00` on one line.
 */
export function whenOf(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000);
  const h = d.getUTCHours();
  const period = h < 12 ? "上午" : h < 18 ? "下午" : "晚上";
  const h12 = h > 12 ? h - 12 : h;
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 周${WEEKDAYS[d.getUTCDay()]} ${period}\u00a0${h12}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
}

/** When, for a booking with a fixed time or a preferred one; otherwise how the time gets agreed. */
export const whenOrAgreed = (b: { startsAt?: string | undefined; preferredTime: string }): string =>
  b.startsAt ? whenOf(b.startsAt) : b.preferredTime || "志愿者会打电话和您约时间";

const NEXT: Partial<Record<Booking["status"], string>> = {
  requested: "志愿者确认后，会打电话或发短信告诉您。",
  waitlisted: "您在候补名单上，有人取消就轮到您，会发短信告诉您。",
  accepted: "志愿者已确认。服务前一天会发短信提醒您。",
  completed: "服务已完成，谢谢您。",
};

/** What happens next, to the resident, for a booking in `status`. */
export const nextStep = (status: Booking["status"]): string => NEXT[status] ?? "这次预约已结束。";
