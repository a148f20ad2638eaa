/** Words and numbers as residents read them. */

import { CATEGORIES } from "../../../shared/categories.ts";
import { localTime, WEEKDAY_NAMES } from "../../../shared/clock.ts";
import type { Booking, Listing } from "../../../shared/schemas.ts";

export const MODE_LABEL: Record<Listing["mode"], string> = { door: "上门", venue: "到场", online: "线上" };
export const KIND_LABEL: Record<Listing["kind"], string> = { on_demand: "随时预约", event: "定时活动" };

export function categoryOf(slug: string) {
  return CATEGORIES.find((c) => c.slug === slug);
}

/** A listing's or volunteer's average: "★ 4.8（12 条评价）". */
export function stars(avg: number, count: number): string {
  if (!count) return "暂无评价";
  return `★ ${avg.toFixed(1)}（${count} 条评价）`;
}

/** One review's stars out of five: "★★★★☆". */
export function starRow(n: number): string {
  const k = Math.max(0, Math.min(5, Math.round(n)));
  return "★".repeat(k) + "☆".repeat(5 - k);
}

/** "Seats left" as a shopper reads stock: 剩 N 位, 候补 for a full event, 暂满 for a full ongoing offer. */
export function seats(l: Pick<Listing, "kind" | "capacity" | "seatsTaken" | "waitlistCount">): {
  text: string;
  full: boolean;
} {
  const left = Math.max(0, l.capacity - l.seatsTaken);
  if (left > 0) return { text: `剩 ${left} 位`, full: false };
  if (l.kind === "event")
    return { text: l.waitlistCount ? `候补（已有 ${l.waitlistCount} 人）` : "候补", full: true };
  return { text: "暂满", full: true };
}

/** The district's clock at an ISO instant, or null for none. */
const districtTime = (iso: string | undefined) =>
  iso && Number.isFinite(Date.parse(iso)) ? localTime(iso) : null;

/** "12月5日（周六）09:00" on the district's clock, whatever the phone's zone. */
export function dateTime(iso: string | undefined): string {
  const t = districtTime(iso);
  return t ? `${t.month}月${t.day}日（周${WEEKDAY_NAMES[t.weekday]}）${t.time}` : "";
}

/** "2026年12月5日" on the district's clock. */
export function day(iso: string | undefined): string {
  const t = districtTime(iso);
  return t ? `${t.year}年${t.month}月${t.day}日` : "";
}

export const STATUS_LABEL: Record<Booking["status"], string> = {
  requested: "等待志愿者确认",
  accepted: "志愿者已接单",
  completed: "已完成",
  waitlisted: "候补中",
  declined: "志愿者已婉拒",
  cancelled: "已取消",
  expired: "已过期",
  no_show: "居民未到",
};

export const FACES = ["😣", "🙁", "😐", "🙂", "😄"] as const;
export const STAR_WORDS = ["很不满意", "不满意", "一般", "满意", "非常满意"] as const;
