/** `volunteer/listings` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { Listing, Page } from "../../schemas.ts";

export const volunteerListings = {
  method: "GET",
  path: "/api/volunteer/listings",
  handler: "volunteer/listings",
  access: "volunteer",
  summary: "All my listings, drafts included",
  response: Page(Listing),
} as const satisfies Route;
