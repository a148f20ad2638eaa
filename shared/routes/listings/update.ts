/** `listings/update` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { Listing, ListingPatch } from "../../schemas.ts";

export const listingsUpdate = {
  method: "PATCH",
  path: "/api/listings/{id}",
  handler: "listings/update",
  access: "owner",
  summary: "Edit, pause or close my listing",
  body: ListingPatch,
  response: Listing,
} as const satisfies Route;
