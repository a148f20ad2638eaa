/**
 * A booking in the words the slip (scripts/staff/slip.ts) and the family's page
 * (scripts/family/shared-booking.ts) both print: when, in the district's time, and
 * what happens next.
 */
import { whenWords } from "../../../shared/clock.ts";
import type { Booking } from "../../../shared/schemas.ts";

/** When, for a booking with a fixed time or a preferred one; otherwise how the time gets agreed. */
export const whenOrAgreed = (b: { startsAt?: string | undefined; preferredTime: string }): string =>
  b.startsAt ? whenWords(b.startsAt, { spaced: true }) : b.preferredTime || "志愿者会打电话和您约时间";

const NEXT: Partial<Record<Booking["status"], string>> = {
  requested: "志愿者确认后，会打电话或发短信告诉您。",
  waitlisted: "您在候补名单上，有人取消就轮到您，会发短信告诉您。",
  accepted: "志愿者已确认。服务前一天会发短信提醒您。",
  completed: "服务已完成，谢谢您。",
};

/** What happens next, to the resident, for a booking in `status`. */
export const nextStep = (status: Booking["status"]): string => NEXT[status] ?? "这次预约已结束。";
