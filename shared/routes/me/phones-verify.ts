/** `me/phones-verify` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { PhoneCodeInput, ProvenPhone } from "../../trust.ts";

export const mePhonesVerify = {
  method: "POST",
  path: "/api/me/phones/verify",
  handler: "me/phones-verify",
  access: "resident",
  summary: "Prove a family number with the code texted to it",
  body: PhoneCodeInput,
  response: ProvenPhone,
} as const satisfies Route;
