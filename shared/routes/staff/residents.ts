/** `staff/residents` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { Page } from "../../schemas.ts";
import { RegisteredResident, ResidentQuery } from "../../staff.ts";

export const staffResidents = {
  method: "GET",
  path: "/api/staff/residents",
  handler: "staff/residents",
  access: "staff",
  summary: "Find my community's registered residents by name or the phone's last 4 digits",
  query: ResidentQuery,
  response: Page(RegisteredResident),
} as const satisfies Route;
