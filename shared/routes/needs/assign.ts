/** `needs/assign` (shared/routes.ts has the table). */

import { AssignInput, NeedClaim } from "../../needs.ts";
import type { Route } from "../../routes.ts";

export const needsAssign = {
  method: "POST",
  path: "/api/needs/{id}/assign",
  handler: "needs/assign",
  access: "staff",
  summary: "派单: give an open need of my community to a volunteer of my community",
  body: AssignInput,
  response: NeedClaim,
} as const satisfies Route;
