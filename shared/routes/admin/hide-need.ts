/** `admin/hide-need` (shared/routes.ts has the table). */

import { Need, NeedHideInput } from "../../needs.ts";
import type { Route } from "../../routes.ts";

export const adminHideNeed = {
  method: "POST",
  path: "/api/admin/needs/{id}/hide",
  handler: "admin/hide-need",
  access: "admin",
  summary: "Hide an abusive need, with a reason (the resident is told)",
  body: NeedHideInput,
  response: Need,
} as const satisfies Route;
