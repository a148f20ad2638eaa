/** `admin/resume-listing` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { Listing } from "../../schemas.ts";

export const adminResumeListing = {
  method: "POST",
  path: "/api/admin/listings/{id}/resume",
  handler: "admin/resume-listing",
  access: "admin",
  summary: "Lift an admin's pause: the listing is published again",
  response: Listing,
} as const satisfies Route;
