/** `staff/register-resident` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { RegisteredResident, ResidentInput } from "../../staff.ts";

export const staffRegisterResident = {
  method: "POST",
  path: "/api/staff/residents",
  handler: "staff/register-resident",
  access: "staff",
  summary: "Register a resident without an account, in my community, with their consent",
  body: ResidentInput,
  response: RegisteredResident,
  status: 201,
} as const satisfies Route;
