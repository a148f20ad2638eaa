/** `listings/photo-delete` (shared/routes.ts has the table). */

import { ListingPhotoParams } from "../../photos.ts";
import type { Route } from "../../routes.ts";

export const listingsPhotoDelete = {
  method: "DELETE",
  path: "/api/listings/{id}/photos/{photoId}",
  handler: "listings/photo-delete",
  access: "owner",
  summary: "Delete a photo of my listing (removed from storage too)",
  params: ListingPhotoParams,
  status: 204,
} as const satisfies Route;
