/**
 * 加到手机日历: a booking with a time (a session, or an event) as an iCalendar file
 * (RFC 5545) with one VEVENT, for its resident — or, through the share link, for a
 * family member: then without the address and the 核销码, like the shared view.
 * Times in UTC; text escaped and lines folded at 75 octets, as phones' calendar
 * apps expect.
 */
import type { User } from "../../lib/auth.ts";
import { Conflict } from "../errors.ts";
import type { BookingItem } from "./item.ts";
import { bookerBooking } from "./read.ts";

const stamp = (iso: string) => `${iso.replace(/[-:]/g, "").replace(/\.\d{3}/, "")}`;

/** TEXT escaping of RFC 5545 §3.3.11. */
const text = (s: string) =>
  s.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");

/** Fold a content line into chunks of at most 75 octets, never splitting a character. */
export function fold(line: string): string {
  const out: string[] = [];
  let chunk = "";
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, "utf8");
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
    if (bytes + n > limit) {
      out.push(chunk);
      chunk = "";
      bytes = 0;
    }
    chunk += ch;
    bytes += n;
  }
  out.push(chunk);
  return out.join("\r\n ");
}

const STATUS: Partial<Record<BookingItem["status"], string>> = {
  requested: "TENTATIVE",
  waitlisted: "TENTATIVE",
  accepted: "CONFIRMED",
  completed: "CONFIRMED",
};

/** Who the file is for: the booker (everything), or family through the share link (nothing private). */
export type CalendarReader = "booker" | "family";

export function toICalendar(b: BookingItem, now: Date, reader: CalendarReader = "booker"): string | null {
  if (!b.startsAt) return null;
  const end = b.endsAt ?? new Date(Date.parse(b.startsAt) + 3_600_000).toISOString();
  const what = b.status === "waitlisted" ? "（候补中）" : "";
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//wangtao//volunteer-services//ZH",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${b.id}@wangtao`,
    `DTSTAMP:${stamp(now.toISOString())}`,
    `DTSTART:${stamp(new Date(b.startsAt).toISOString())}`,
    `DTEND:${stamp(new Date(end).toISOString())}`,
    `SUMMARY:${text(`${b.listingTitle}${what}`)}`,
    `LOCATION:${text(reader === "booker" ? b.address || b.community : b.community)}`,
    `DESCRIPTION:${text(
      reader === "booker"
        ? `志愿者：${b.volunteerName}\n核销码：${b.completionCode}（服务完成时告诉志愿者）\n如需取消，请在“我的预约”中操作，或联系居委会。`
        : `志愿者：${b.volunteerName}\n如需取消或改时间，请联系居委会。`,
    )}`,
    `STATUS:${STATUS[b.status] ?? "CANCELLED"}`,
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    "TRIGGER:-PT1H",
    `DESCRIPTION:${text(`一小时后：${b.listingTitle}`)}`,
    "END:VALARM",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return `${lines.map(fold).join("\r\n")}\r\n`;
}

/** GET /api/bookings/{id}/calendar.ics, for the booking's resident (or the community worker who made it). */
export async function bookingCalendar(user: User, bookingId: string, now = new Date()): Promise<string> {
  const b = await bookerBooking(user, bookingId, "只能下载自己预约的日历");
  const ics = toICalendar(b, now);
  if (!ics) throw new Conflict("NO_FIXED_TIME", "这项服务没有固定时间，请与志愿者约定");
  return ics;
}
