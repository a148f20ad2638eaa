/** `me/needs` (shared/routes.ts has the table). */

import { MyNeedsQuery, Need } from "../../needs.ts";
import type { Route } from "../../routes.ts";
import { Page } from "../../schemas.ts";

export const meNeeds = {
  method: "GET",
  path: "/api/me/needs",
  handler: "me/needs",
  access: "resident",
  summary: "我的需求",
  query: MyNeedsQuery,
  response: Page(Need),
} as const satisfies Route;
