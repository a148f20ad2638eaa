/**
 * The community workers' contract (API.md v1.1 "Community workers"): registering a
 * resident who has no account, finding them again, and the bookings a worker made.
 */
import * as z from "zod/mini";
import { BookingStatus, Cursor, Phone, text } from "./schemas.ts";

export const ResidentInput = z.strictObject({
  name: text(1, 30),
  phone: Phone,
  address: z.optional(text(0, 120)),
  note: z.optional(text(0, 300)),
  /** The resident agreed to be registered and to be called and texted about their bookings. */
  consent: z.literal(true, { error: "须经居民本人同意才能登记" }),
});
export type ResidentInput = z.infer<typeof ResidentInput>;

export const RegisteredResident = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string(),
  address: z.string(),
  note: z.optional(z.string()),
  community: z.string(),
  registeredBy: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
});
export type RegisteredResident = z.infer<typeof RegisteredResident>;

export const ResidentQuery = z.object({
  /** A name's beginning (王, 王奶) or the phone's last 4 digits. */
  q: z.optional(text(1, 30)),
  cursor: z.optional(Cursor),
});

export const StaffBookingQuery = z.object({ status: z.optional(BookingStatus), cursor: z.optional(Cursor) });

/**
 * A 居委会 phone: a landline or mobile, digits with `-` or spaces, or `+86` first;
 * 7 to 20 characters once trimmed.
 */
export const CommitteePhone = z.string({ error: "请填写居委会电话" }).check(
  z.trim(),
  z.minLength(1, { error: "请填写居委会电话", abort: true }),
  z.minLength(7, { error: "电话号码太短：至少 7 个字符", abort: true }),
  z.maxLength(20, { error: "电话号码太长：最多 20 个字符", abort: true }),
  z.regex(/^(\+86)?[\s-]*\d[\d\s-]*$/, {
    error: "请填写正确的电话号码：只用数字、“-”或空格，可以 +86 开头",
  }),
);

/** PUT /api/staff/community: the phone of the caller's own community. */
export const CommunityPhoneInput = z.strictObject({ phone: CommitteePhone });
export type CommunityPhoneInput = z.infer<typeof CommunityPhoneInput>;

export const CommunityPhone = z.object({ community: z.string(), phone: z.string() });
export type CommunityPhone = z.infer<typeof CommunityPhone>;
