/** `staff/needs` (shared/routes.ts has the table). */

import { MyNeedsQuery, Need } from "../../needs.ts";
import type { Route } from "../../routes.ts";
import { Page } from "../../schemas.ts";

export const staffNeeds = {
  method: "GET",
  path: "/api/staff/needs",
  handler: "staff/needs",
  access: "staff",
  summary: "Needs I posted for residents",
  query: MyNeedsQuery,
  response: Page(Need),
} as const satisfies Route;
