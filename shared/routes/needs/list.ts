/** `needs/list` (shared/routes.ts has the table). */

import { Need, NeedQuery } from "../../needs.ts";
import type { Route } from "../../routes.ts";
import { Page } from "../../schemas.ts";

export const needsList = {
  method: "GET",
  path: "/api/needs",
  handler: "needs/list",
  access: "board",
  summary: "需求大厅: open needs, oldest first (volunteers, staff, admins; no contact, names masked)",
  query: NeedQuery,
  response: Page(Need),
} as const satisfies Route;
