/** `needs/cancel` (shared/routes.ts has the table). */

import { Need } from "../../needs.ts";
import type { Route } from "../../routes.ts";

export const needsCancel = {
  method: "POST",
  path: "/api/needs/{id}/cancel",
  handler: "needs/cancel",
  access: "booker",
  summary: "Withdraw my open need (or, a community worker, one I posted)",
  response: Need,
} as const satisfies Route;
