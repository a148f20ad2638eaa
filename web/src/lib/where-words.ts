/**
 * Where and until when a booking happens, in the words the 预约单 prints (and 朗读 says):
 * 到场 or 上门, the venue's address or the resident's, and the end time. New code on the
 * district's clock (shared/clock.ts).
 */
import { localTime, whenWords } from "../../../shared/clock.ts";
import type { Booking, Listing } from "../../../shared/schemas.ts";

export const HOW_WORDS: Record<Listing["mode"], string> = {
  venue: "到场参加",
  door: "上门服务（志愿者到您家）",
  online: "线上（志愿者会告诉您怎么参加）",
};

/** The end of a booked time: the event's end, or the session's start plus its length. */
export function endOf(
  b: Pick<Booking, "startsAt" | "sessionId">,
  l: Pick<Listing, "endsAt" | "schedule">,
): string | undefined {
  if (b.sessionId && b.startsAt && l.schedule)
    return new Date(Date.parse(b.startsAt) + l.schedule.durationMinutes * 60_000).toISOString();
  return b.startsAt ? l.endsAt : undefined;
}

/** " 至 11:00" on the same day, " 至 12月7日周日上午9:00" on another, "" without an end. */
export function untilWords(startsAt: string | undefined, endsAt: string | undefined): string {
  if (!startsAt || !endsAt) return "";
  const [a, z] = [localTime(startsAt), localTime(endsAt)];
  return a.date === z.date ? ` 至 ${z.time}` : ` 至 ${whenWords(endsAt)}`;
}

/** Where: the resident's address for 上门, the venue for 到场 (its community when no address was given). */
export function placeWords(
  b: Pick<Booking, "address">,
  l: Pick<Listing, "mode" | "place" | "community">,
): string {
  if (l.mode === "door") return b.address || "志愿者会打电话问您的地址";
  if (l.mode === "online") return "线上";
  return l.place || `${l.community}（具体地点可问居委会）`;
}
