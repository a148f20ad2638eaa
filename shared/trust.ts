/**
 * Trust and safety (API.md v1.2): who may be texted and how often, one-time phone
 * codes, opt-out by the receiving number, and the per-caller rate rule on joins.
 * The numbers here are the single source: the texts job, the code routes, the WAF
 * rule deployed (infra/waf.ts) and the local gateway (infra/local/apigw.ts) read them.
 */
import * as z from "zod/mini";

/** A mainland mobile number (what can receive a text), spaces and dashes removed. */
export const Mobile = z.pipe(
  z.pipe(
    z.string(),
    z.transform((s) => s.replace(/[\s-]/g, "").replace(/^\+86/, "")),
  ),
  z.string().check(z.regex(/^1[3-9]\d{9}$/, "请填写正确的手机号码")),
);

/** Mainland mobiles in E.164, the only numbers Cognito sign-up accepts (pre-sign-up trigger). */
export const MAINLAND_E164 = /^\+861[3-9]\d{9}$/;

export const PhoneInput = z.strictObject({ phone: Mobile });
export type PhoneInput = z.infer<typeof PhoneInput>;

export const PhoneCodeInput = z.strictObject({
  phone: Mobile,
  code: z.string().check(z.regex(/^\d{6}$/, "验证码是 6 位数字")),
});
export type PhoneCodeInput = z.infer<typeof PhoneCodeInput>;

/** `202`: a code is on its way (the same answer whether or not a text could go). */
export const CodeSent = z.strictObject({ phone: z.string(), expiresInSeconds: z.number().check(z.int()) });
export type CodeSent = z.infer<typeof CodeSent>;

export const ProvenPhone = z.strictObject({ phone: z.string(), verified: z.literal(true) });
export type ProvenPhone = z.infer<typeof ProvenPhone>;

export const OptedOut = z.strictObject({ phone: z.string(), optedOut: z.literal(true) });
export type OptedOut = z.infer<typeof OptedOut>;

/** An inbound text as the local dev route takes it (deployed: the two-way SMS topic's message). */
export const InboundSms = z.strictObject({
  from: z.string().check(z.maxLength(20)),
  body: z.string().check(z.maxLength(400)),
});
export type InboundSms = z.infer<typeof InboundSms>;

/** The replies that opt a number out of every text (T, TD, 退订, case and spaces aside). */
export const OPT_OUT_REPLIES = ["T", "TD", "退订", "STOP"] as const;

export const CODE_RULES = {
  /** Digits of a one-time code. */
  digits: 6,
  ttlSeconds: 10 * 60,
  /** Wrong tries before the code is void. */
  maxTries: 5,
  /** Codes one account may ask for per district day (any numbers). */
  perAccountPerDay: 5,
  /** Codes one number may be sent per district day (any account, opt-out page included). */
  perNumberPerDay: 3,
} as const;

/** Texts of every kind (codes included) that go out per district day, at most. */
export const SMS_CAPS = {
  perNumberPerDay: 6,
  perAccountPerDay: 20,
} as const;

/**
 * The per-caller rate rule on joins (`POST /api/listings/{id}/bookings`), keyed by
 * the Authorization header: at most `limit` requests in any `windowSeconds`, past
 * which a 429 RATE_LIMITED. Deployed as an AWS WAF rate-based rule (its evaluation
 * window is one of 60, 120, 300 or 600 seconds; its limit at least 10), locally by
 * the gateway (infra/local/rate-rule.ts), both from here. No person joins 100
 * services a minute; a script is slowed to that per token, and a new token needs a
 * sign-in, itself rate-limited per IP. (Hoarding seats is bounded per account by the
 * live-booking limit, not by this rule.)
 */
export const JOIN_RATE = {
  method: "POST",
  path: "/api/listings/{id}/bookings",
  header: "authorization",
  limit: 100,
  windowSeconds: 60,
} as const;

/** A route path template as an anchored regular expression (`{id}` is one segment). */
export const pathPattern = (template: string) =>
  `^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`;
/** Per source IP, on the whole API and on the Cognito endpoints (WAF), per 5 minutes. */
export const IP_RATE = { api: 1000, cognito: 100, windowSeconds: 300 } as const;
