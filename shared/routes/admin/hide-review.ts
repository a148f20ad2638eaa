/** `admin/hide-review` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { HideInput, Review } from "../../schemas.ts";

export const adminHideReview = {
  method: "POST",
  path: "/api/admin/reviews/{id}/hide",
  handler: "admin/hide-review",
  access: "admin",
  summary: "Hide an abusive review",
  body: HideInput,
  response: Review,
} as const satisfies Route;
