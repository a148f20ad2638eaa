/** `sms/opt-out-verify` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { OptedOut, PhoneCodeInput } from "../../trust.ts";

export const smsOptOutVerify = {
  method: "POST",
  path: "/api/sms/opt-out/verify",
  handler: "sms/opt-out-verify",
  access: "public",
  summary: "The opt-out page: the code proves the number, which then gets no text of any kind",
  body: PhoneCodeInput,
  response: OptedOut,
} as const satisfies Route;
