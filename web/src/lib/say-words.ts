/**
 * What 朗读 says (scripts/read-aloud.ts): a service as a resident asks about it —
 * what, who, when, where, seats — and one booking: its status, its time and the
 * 核销码 digit by digit. Sentences, never the page's buttons, links or emoji.
 */
import { whenWords } from "../../../shared/clock.ts";
import type { Booking, Listing } from "../../../shared/schemas.ts";
import { categoryOf, STATUS_LABEL, seats } from "./format.ts";
import { scheduleText } from "./sessions.ts";
import { placeWords, untilWords } from "./where-words.ts";

const DIGITS = "零一二三四五六七八九";

/** A code read digit by digit: `062985` → `零 六 二 九 八 五`. */
export const digitWords = (code: string): string =>
  [...code].map((d) => (/\d/.test(d) ? DIGITS[Number(d)] : d)).join(" ");

function whenSaid(l: Listing): string {
  if (l.schedule) return scheduleText(l.schedule);
  if (l.startsAt) return whenWords(l.startsAt) + untilWords(l.startsAt, l.endsAt);
  return "随时可以预约，志愿者会打电话和您约时间";
}

function whereSaid(l: Listing): string {
  if (l.mode === "door") return "志愿者上门服务";
  if (l.mode === "online") return "线上参加";
  return `到场参加，${placeWords({ address: "" }, l)}`;
}

function seatsSaid(l: Listing): string {
  if (l.status !== "published") return "这项服务暂停了，暂时不能加入";
  if (l.schedule) return `每一场有 ${l.schedule.capacity} 个名额`;
  const s = seats(l);
  if (!s.full) return `还剩 ${l.capacity - l.seatsTaken} 个名额`;
  return l.kind === "event" ? "名额已满，可以排候补" : "现在暂满，可以稍后再来看看";
}

export function serviceWords(l: Listing): string {
  const cat = categoryOf(l.category)?.name;
  return [
    `${l.title}${cat ? `，${cat}` : ""}`,
    `志愿者：${l.volunteer.name}`,
    `时间：${whenSaid(l)}`,
    `地点：${whereSaid(l)}`,
    seatsSaid(l),
  ].join("。");
}

export function bookingWords(b: Booking): string {
  const code =
    b.completionCode && (b.status === "accepted" || b.status === "requested")
      ? `核销码：${digitWords(b.completionCode)}`
      : "";
  return [
    b.listingTitle,
    STATUS_LABEL[b.status],
    b.startsAt ? `时间：${whenWords(b.startsAt)}` : b.preferredTime ? `希望时间：${b.preferredTime}` : "",
    code,
  ]
    .filter(Boolean)
    .join("。");
}
