/** `sms/opt-out` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { CodeSent, PhoneInput } from "../../trust.ts";

export const smsOptOut = {
  method: "POST",
  path: "/api/sms/opt-out",
  handler: "sms/opt-out",
  access: "public",
  summary: "The opt-out page: text a one-time code to the number that wants no more texts",
  body: PhoneInput,
  response: CodeSent,
  status: 202,
} as const satisfies Route;
