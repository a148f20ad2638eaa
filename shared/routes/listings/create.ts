/** `listings/create` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { Listing, ListingInput } from "../../schemas.ts";

export const listingsCreate = {
  method: "POST",
  path: "/api/listings",
  handler: "listings/create",
  access: "volunteer",
  summary: "Publish a listing",
  body: ListingInput,
  response: Listing,
  status: 201,
} as const satisfies Route;
