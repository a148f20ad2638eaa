/** `listings/get` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { Listing } from "../../schemas.ts";

export const listingsGet = {
  method: "GET",
  path: "/api/listings/{id}",
  handler: "listings/get",
  access: "public",
  summary: "One listing",
  response: Listing,
} as const satisfies Route;
