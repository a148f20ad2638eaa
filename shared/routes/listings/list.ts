/** `listings/list` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { Listing, ListingQuery, Page } from "../../schemas.ts";

export const listingsList = {
  method: "GET",
  path: "/api/listings",
  handler: "listings/list",
  access: "public",
  summary: "Browse and search published listings",
  query: ListingQuery,
  response: Page(Listing),
} as const satisfies Route;
