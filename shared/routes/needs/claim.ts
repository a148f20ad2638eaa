/** `needs/claim` (shared/routes.ts has the table). */

import { NeedClaim } from "../../needs.ts";
import type { Route } from "../../routes.ts";

export const needsClaim = {
  method: "POST",
  path: "/api/needs/{id}/claim",
  handler: "needs/claim",
  access: "volunteer",
  summary: "接单: claim an open need; it becomes an accepted booking (one claimer, 409 ALREADY_CLAIMED)",
  response: NeedClaim,
} as const satisfies Route;
