/**
 * What each text says, pure, in fixed wording only: no character of any text comes
 * from what a user typed or chose to be called (trust and safety, API.md v1.2) — not
 * the resident's or the volunteer's name, not the listing's title, not the preferred
 * time. A text names the service by its category (one of the 8 fixed ones) and the
 * time by the district's clock, so a throw-away account cannot make 网淘 sign its
 * words. Written as a kind person would say it to an elderly neighbour: which kind
 * of service, when, and (while there is something to cancel) how to cancel — by
 * calling the 居委会 when a community worker booked it, or in 我的预约. Each fits one
 * SMS segment: 70 UTF-16 units (Chinese characters), with the 【网淘】 signature and
 * how to stop texts (回T退订).
 */
import { categoryName } from "../../../shared/categories.ts";
import { addDays, localTime, whenWords, zonedInstant } from "../../../shared/clock.ts";
import type { BookingTextKind } from "../../../shared/texts.ts";
import type { ReminderDay } from "../booking-rules.ts";

/** One SMS segment of UCS-2 text. */
export const SEGMENT = 70;
const SIGNATURE = "【网淘】";
const STOP = "回T退订";

/** Everything a text may say: fixed facts only, never a user's words. */
export interface TextFacts {
  /** The listing's category slug (one of the 8 fixed categories). */
  category: string;
  /** The booking's start (an event, a session), if it has one. */
  startsAt?: string | undefined;
  /** A community worker booked it: cancelling is a call to the 居委会. */
  byWorker: boolean;
  /** reminder: which day the service is, as the reminder says it. */
  day?: ReminderDay;
  /** needExpired: the 居委会's phone (a number a worker set, digits only), to call for help. */
  committeePhone?: string | undefined;
}

/** The text of one kind about a booking. */
export function textFor(kind: BookingTextKind, f: TextFacts): string {
  const service = `「${categoryName(f.category) ?? "志愿"}」服务`;
  const w = f.startsAt ? whenWords(f.startsAt) : "时间和志愿者约";
  const cancel = f.byWorker ? "要取消请打居委会电话" : "要取消可在“我的预约”里取消";
  const body = {
    accepted: `您好，志愿者接下了您预约的${service}，${w}。${cancel}。`,
    declined: `您好，很抱歉，您预约的${service}（${w}）志愿者这次来不了，可以再约别的服务。`,
    promoted: `您好，您候补的${service}有名额了，${w}，请等志愿者确认。${cancel}。`,
    cancelled: `您好，很抱歉，${w}的${service}取消了，不用过去了，欢迎改约别的时间。`,
    expired: `您好，您预约的${service}（${w}）两天没等到志愿者回复，已结束，可以再约别的服务。`,
    reminder: `您好，提醒您：${f.day ?? "明天"}${w}有您预约的${service}。${cancel}。`,
    // needs (群众点单): the need is named by its category, never by the resident's own words
    needClaimed: `您好，您发布的${service}需求有志愿者接下了，会打电话和您约时间。`,
    needExpired: `您好，您发布的${service}需求三天没等到志愿者，已结束。请打居委会电话${f.committeePhone ?? ""}，我们帮您找人。`,
  }[kind];
  return `${SIGNATURE}${body}${STOP}`;
}

/** What a one-time code is for: proving a number to get a booking's texts, or to stop every text. */
export type CodePurpose = "prove" | "optout";

/** The text carrying a one-time code (its digits are ours, from the CSPRNG). */
export function codeText(code: string, purpose: CodePurpose): string {
  const use = purpose === "prove" ? "确认这个号码接收预约短信" : "停止网淘发给这个号码的短信";
  return `${SIGNATURE}验证码${code}，10分钟内有效，用于${use}。不是您本人操作请忽略。`;
}

/**
 * Quiet hours, 21:00–08:00 Asia/Shanghai: a text made then waits until 08:00.
 * Returns when it may go out (`at` itself outside quiet hours).
 */
export function sendAtFor(at: Date): { held: boolean; sendAt: Date } {
  const { hour, date } = localTime(at);
  if (hour >= 8 && hour < 21) return { held: false, sendAt: at };
  return { held: true, sendAt: zonedInstant(hour >= 21 ? addDays(date, 1) : date, "08:00") };
}

/** Texts reach mobiles only (a landline in the booking gets none). */
export const isMobile = (phone: string) => /^1[3-9]\d{9}$/.test(phone);
