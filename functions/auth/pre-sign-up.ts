/**
 * Cognito pre-sign-up trigger (trust and safety): self sign-up texts a code to the
 * phone given, so it is an SMS cost attack unless the number is one 网淘 serves. Only
 * mainland mobiles (+86 1[3-9]xxxxxxxxx) may sign up with a phone; and sign-ups are
 * rate-limited — a number may be tried at most SIGN_UP_LIMITS.perNumberPerDay times
 * a district day, and the whole pool takes at most perMinute sign-ups a minute —
 * with counters in the table (trust/counts.ts), so a script cannot make AWS text
 * premium-rate numbers abroad nor spend the month's SMS budget.
 */
import type { PreSignUpTriggerEvent } from "aws-lambda";
import { MAINLAND_E164 } from "../../shared/trust.ts";
import { countBelow } from "../domain/trust/counts.ts";
import { logger } from "../lib/logger.ts";

export const SIGN_UP_LIMITS = { perNumberPerDay: 3, perMinute: 30 } as const;

/** Why a sign-up is refused, before anything is counted; null: it may go on. */
export function refusal(attributes: Record<string, string | undefined>): string | null {
  const phone = attributes.phone_number;
  if (phone !== undefined && !MAINLAND_E164.test(phone)) return "目前只支持中国大陆手机号码注册";
  return null;
}

export const handler = async (
  event: PreSignUpTriggerEvent,
  now = new Date(),
): Promise<PreSignUpTriggerEvent> => {
  const attributes = event.request.userAttributes;
  const why = refusal(attributes);
  if (why) throw new Error(why);
  const minute = now.toISOString().slice(0, 16);
  if (!(await countBelow("account", `signup-minute-${minute}`, SIGN_UP_LIMITS.perMinute, now))) {
    logger.warn("sign-ups over the per-minute limit", { minute });
    throw new Error("注册的人太多了，请稍后再试");
  }
  const phone = attributes.phone_number;
  if (phone && !(await countBelow("number", `signup-${phone}`, SIGN_UP_LIMITS.perNumberPerDay, now)))
    throw new Error("这个号码今天注册的次数太多了，请明天再试");
  return event;
};
