/** `me/phones` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { CodeSent, PhoneInput } from "../../trust.ts";

export const mePhones = {
  method: "POST",
  path: "/api/me/phones",
  handler: "me/phones",
  access: "resident",
  summary: "Text a one-time code to a family number, to prove it for my bookings' texts",
  body: PhoneInput,
  response: CodeSent,
  status: 202,
} as const satisfies Route;
