/** `admin/pause-listing` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { Listing, PauseInput } from "../../schemas.ts";

export const adminPauseListing = {
  method: "POST",
  path: "/api/admin/listings/{id}/pause",
  handler: "admin/pause-listing",
  access: "admin",
  summary: "Pause a listing, with a reason",
  body: PauseInput,
  response: Listing,
} as const satisfies Route;
