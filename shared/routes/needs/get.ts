/** `needs/get` (shared/routes.ts has the table). */

import { Need } from "../../needs.ts";
import type { Route } from "../../routes.ts";

export const needsGet = {
  method: "GET",
  path: "/api/needs/{id}",
  handler: "needs/get",
  access: "user",
  summary: "One need, as its viewer may see it",
  response: Need,
} as const satisfies Route;
