/**
 * Booking rules, pure: which transitions exist and who may make them, what holds a
 * seat, how contact data is masked, and the text of each notification.
 *
 * Seat semantics (`seatsTaken` on the listing):
 * - `event`: a seat is held by every `requested`, `accepted` and `completed`
 *   booking (a served attendee still sat in the room), up to `capacity`; joins
 *   beyond it are `waitlisted` (counted in `waitlistCount`). A seat freed by a
 *   cancel, decline or expiry goes to the first waitlisted booking, atomically.
 * - `on_demand`: "at most `capacity` open at once": `requested` + `accepted`
 *   bookings hold a slot; completing one frees it; a join at capacity is 409, there
 *   is no waitlist.
 */
import { randomInt } from "node:crypto";
import type { BookingStatus, Kind } from "../../shared/schemas.ts";

export type Action =
  | "accept"
  | "decline"
  | "complete"
  | "confirm"
  | "cancel"
  | "expire"
  | "promote"
  /** The volunteer cancelled the booking's session: it ends, and nobody moves up into it. */
  | "withdraw"
  /** 居民未到: the volunteer marks an accepted booking whose time has come (see noShowDue). */
  | "noShow";
export type Actor = "resident" | "volunteer" | "system";

export const TRANSITIONS: Record<
  Action,
  { actor: Actor; from: readonly BookingStatus[]; to: BookingStatus }
> = {
  accept: { actor: "volunteer", from: ["requested"], to: "accepted" },
  decline: { actor: "volunteer", from: ["requested", "waitlisted"], to: "declined" },
  complete: { actor: "volunteer", from: ["accepted"], to: "completed" },
  confirm: { actor: "resident", from: ["accepted"], to: "completed" },
  cancel: { actor: "resident", from: ["requested", "waitlisted", "accepted"], to: "cancelled" },
  expire: { actor: "system", from: ["requested"], to: "expired" },
  promote: { actor: "system", from: ["waitlisted"], to: "requested" },
  withdraw: { actor: "volunteer", from: ["requested", "waitlisted", "accepted"], to: "cancelled" },
  noShow: { actor: "volunteer", from: ["accepted"], to: "no_show" },
};

export const ACTION_LABEL: Record<Action, string> = {
  accept: "接受",
  decline: "婉拒",
  complete: "完成核销",
  confirm: "确认完成",
  cancel: "取消",
  expire: "过期",
  promote: "候补转正",
  withdraw: "取消场次",
  noShow: "标记居民未到",
};

export function canTransition(from: BookingStatus, action: Action): boolean {
  return TRANSITIONS[action].from.includes(from);
}

/** Live bookings keep the resident's one-per-listing guard. */
export const isLive = (s: BookingStatus) => s === "requested" || s === "accepted" || s === "waitlisted";

/**
 * A no-show's event seat stays taken, like a completed one: its time has come, so
 * the seat can no longer be used by anyone and nobody moves up into it. An
 * on-demand slot is freed, as completing frees it (the volunteer can take the next
 * request). So a no-show frees only what was not already used.
 */
export function holdsSeat(kind: Kind, status: BookingStatus): boolean {
  if (status === "requested" || status === "accepted") return true;
  return kind === "event" && (status === "completed" || status === "no_show");
}

/**
 * An on-demand booking has no fixed time (its preferred time is free text the two
 * sides agree on): its time has come once it has been accepted this long, time
 * enough to arrange a visit and find nobody at the door.
 */
export const NO_SHOW_AFTER_ACCEPT_MS = 2 * 3_600_000;

/**
 * When a booking may be marked 居民未到: at its start (an event, a session), or
 * NO_SHOW_AFTER_ACCEPT_MS after it was accepted (an on-demand booking).
 */
export function noShowDue(b: { startsAt?: string | undefined; acceptedAt?: string | undefined }): number {
  if (b.startsAt) return Date.parse(b.startsAt);
  return Date.parse(b.acceptedAt ?? "") + NO_SHOW_AFTER_ACCEPT_MS;
}

/** How a transition moves the listing's counters (before any promotion from the waitlist). */
export function counterChange(
  kind: Kind,
  from: BookingStatus,
  to: BookingStatus,
): { seats: number; waitlist: number } {
  return {
    seats: Number(holdsSeat(kind, to)) - Number(holdsSeat(kind, from)),
    waitlist: Number(to === "waitlisted") - Number(from === "waitlisted"),
  };
}

/** After this many wrong codes only the resident's confirmation can complete a booking. */
export const MAX_CODE_FAILURES = 5;
/** Hours recorded when the resident confirms without saying how long it took. */
export const DEFAULT_CONFIRM_HOURS = 1;
/** Requests nobody answers within this are expired by the scheduled job. */
export const EXPIRE_AFTER_MS = 48 * 3_600_000;

/** The 6-digit 核销码, from the CSPRNG. */
export const completionCode = () => String(randomInt(0, 1_000_000)).padStart(6, "0");

/**
 * `13812341234` → `****1234`: the last 4 digits at most (trust and safety: the first
 * 3 and last 4 of a mainland mobile narrow it to 10,000 numbers); anything shorter
 * keeps only its last 2.
 */
export function maskPhone(phone: string): string {
  if (phone.length >= 8) return `****${phone.slice(-4)}`;
  return phone ? `****${phone.slice(-2)}` : "";
}

/** Keep the first few characters (at most 6, at most half), then `****`. */
export function maskAddress(address: string): string {
  const chars = [...address];
  if (chars.length === 0) return "";
  return `${chars.slice(0, Math.min(6, Math.floor(chars.length / 2))).join("")}****`;
}

export type NoticeType =
  | "requested"
  | "waitlisted"
  | "accepted"
  | "declined"
  | "promoted"
  | "completed"
  | "confirmed"
  | "cancelled"
  | "expired"
  | "reviewed"
  | "replied"
  | "locked"
  | "no_show"
  | "reminder"
  // needs (群众点单)
  | "needAssigned"
  | "needExpired"
  | "needHidden"
  | "needWaiting";

export interface NoticeFacts {
  title: string;
  residentName: string;
  volunteerName: string;
  reason?: string;
  hours?: number;
  stars?: number;
  /** reminder: when, in words (e.g. 上午 9:00). */
  when?: string;
  /** reminder: which day the service is, as the reminder says it. */
  day?: ReminderDay;
}

/** A reminder's day: 明天 (the evening before, as due) or 今天 (one every evening run missed). */
export type ReminderDay = "明天" | "今天";

/** Friendly plain Chinese, addressed to the one who is told. */
export function noticeText(type: NoticeType, to: "resident" | "volunteer", f: NoticeFacts): string {
  const t = `「${f.title}」`;
  switch (type) {
    case "requested":
      return `${f.residentName}报名了您的服务${t}，请尽快回复`;
    case "waitlisted":
      return `${f.residentName}加入了${t}的候补名单`;
    case "accepted":
      return `${f.volunteerName}接受了您的预约${t}`;
    case "declined":
      return `很抱歉，${f.volunteerName}婉拒了您的预约${t}${f.reason ? `：${f.reason}` : ""}`;
    case "promoted":
      return `好消息！您已从候补转为正式报名${t}，请等待志愿者确认`;
    case "completed":
      return `${f.volunteerName}已完成服务${t}，欢迎您评价`;
    case "confirmed":
      return `${f.residentName}确认了服务${t}已完成，记录服务时长 ${f.hours ?? 0} 小时`;
    case "cancelled":
      return to === "resident"
        ? `很抱歉，${f.volunteerName}取消了${t}这一场${f.reason ? `：${f.reason}` : ""}，欢迎改约其他时间`
        : `${f.residentName}取消了预约${t}`;
    case "expired":
      return to === "resident"
        ? `您的预约${t}48 小时内未获回复，已自动结束，欢迎看看其他服务`
        : `${f.residentName}对${t}的预约超过 48 小时未处理，已自动过期`;
    case "reviewed":
      return `${f.residentName}给了${t} ${f.stars ?? 0} 星评价`;
    case "replied":
      return `${f.volunteerName}回复了您对${t}的评价`;
    case "no_show":
      return `${f.volunteerName}按约为您服务${t}时没能见到您。没关系，如果还需要，欢迎随时再预约`;
    case "reminder":
      return to === "resident"
        ? `提醒您：${f.day ?? "明天"}${f.when ? ` ${f.when} ` : ""}有您预约的${t}，如不能参加，请在“我的预约”中取消`
        : `提醒您：${f.day ?? "明天"}${f.when ? ` ${f.when} ` : ""}有${f.residentName}预约的${t}`;
    case "locked":
      return `${f.volunteerName}多次输错${t}的核销码，如服务已完成，请在“我的预约”中点击“确认完成”`;
    case "needAssigned":
      return `社区给您派了一个需求${t}，请尽快和居民联系`;
    case "needExpired":
      return `您发布的需求${t}三天没有志愿者接，已结束。别着急，请打居委会电话，社区帮您想办法`;
    case "needHidden":
      return `您发布的需求${t}因不符合要求已被隐藏${f.reason ? `：${f.reason}` : ""}`;
    case "needWaiting":
      return `${f.residentName}的需求${t}已等了一天还没人接，请看看“待派单”`;
  }
}
