/**
 * What each text says, pure. Written as a kind person would say it to an elderly
 * neighbour: who, which service, when, and (while there is something to cancel)
 * how to cancel — by calling the 居委会 when a community worker booked it, or in
 * 我的预约. Each fits one SMS segment: 70 UTF-16 units (Chinese characters), with
 * the 【网淘】 signature; a long title or name is shortened until it does.
 */
import { addDays, localTime, whenWords, zonedInstant } from "../../../shared/clock.ts";
import type { TextKind } from "../../../shared/texts.ts";
import type { ReminderDay } from "../booking-rules.ts";

/** One SMS segment of UCS-2 text. */
export const SEGMENT = 70;
const SIGNATURE = "【网淘】";

export interface TextFacts {
  title: string;
  residentName: string;
  volunteerName: string;
  /** The booking's start (an event, a session), if it has one. */
  startsAt?: string | undefined;
  /** The time the resident asked for (on-demand), free text. */
  preferredTime?: string | undefined;
  /** A community worker booked it: cancelling is a call to the 居委会. */
  byWorker: boolean;
  /** reminder: which day the service is, as the reminder says it. */
  day?: ReminderDay;
  /** needExpired: the 居委会 phone to call, when one is set. */
  committeePhone?: string | undefined;
}

const cut = (s: string, max: number) => ([...s].length <= max ? s : `${[...s].slice(0, max - 1).join("")}…`);

function when(f: TextFacts, maxFree: number): string {
  if (f.startsAt) return whenWords(f.startsAt);
  const free = f.preferredTime?.trim();
  return free ? cut(free, maxFree) : "时间和志愿者约";
}

/** The text of one kind, in the longest wording that fits one segment. */
export function textFor(kind: TextKind, f: TextFacts): string {
  // From the fullest wording to the shortest: names, title and free time shortened step by step.
  const steps = [
    { title: 12, name: 4, volunteer: 4, free: 10 },
    { title: 10, name: 3, volunteer: 3, free: 8 },
    { title: 8, name: 0, volunteer: 0, free: 6 },
    { title: 6, name: 0, volunteer: 0, free: 4 },
  ];
  let text = "";
  for (const s of steps) {
    text = SIGNATURE + body(kind, f, s);
    if (text.length <= SEGMENT) return text;
  }
  return text.slice(0, SEGMENT);
}

function body(
  kind: TextKind,
  f: TextFacts,
  s: { title: number; name: number; volunteer: number; free: number },
): string {
  const name = f.residentName.trim();
  const greet = s.name > 0 && name && [...name].length <= s.name ? `${name}您好，` : "您好，";
  const vName = f.volunteerName.trim();
  const volunteer =
    s.volunteer > 0 && vName && [...vName].length <= s.volunteer ? `志愿者${vName}` : "志愿者";
  const t = `「${cut(f.title.trim(), s.title)}」`;
  const w = when(f, s.free);
  const cancel = f.byWorker ? "要取消请打居委会电话" : "要取消可在“我的预约”里点取消";
  switch (kind) {
    case "accepted":
      return `${greet}${volunteer}接下了您预约的${t}，${w}。${cancel}。`;
    case "declined":
      return `${greet}很抱歉，${w}的${t}志愿者这次来不了，可以再约别的服务。`;
    case "promoted":
      return `${greet}好消息！您候补的${t}有名额了，${w}，请等志愿者确认。${cancel}。`;
    case "cancelled":
      return `${greet}很抱歉，${w}的${t}取消了，不用过去了，欢迎改约别的时间。`;
    case "expired":
      return `${greet}您预约的${t}（${w}）两天没等到志愿者回复，已结束，可以再约别的服务。`;
    case "reminder":
      return `${greet}提醒您：${f.day ?? "明天"}${w}有您预约的${t}。${cancel}。`;
    // needs (群众点单): `title` is the category's name, never the resident's own words
    case "needClaimed":
      return `${greet}您发布的${t}需求${volunteer}接下了，会打电话和您约时间。`;
    case "needExpired":
      return f.committeePhone
        ? `${greet}您发布的${t}需求三天没等到志愿者，已结束。请打居委会电话${f.committeePhone}，我们帮您找人。`
        : `${greet}您发布的${t}需求三天没等到志愿者，已结束。请打居委会电话，我们帮您找人。`;
  }
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
