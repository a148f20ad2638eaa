/** `listings/photo-upload` (shared/routes.ts has the table). */

import { PhotoUpload, PhotoUploadInput } from "../../photos.ts";
import type { Route } from "../../routes.ts";

export const listingsPhotoUpload = {
  method: "POST",
  path: "/api/listings/{id}/photos",
  handler: "listings/photo-upload",
  access: "owner",
  summary: "Ask to upload a photo of my listing (≤ 6, ≤ 8 MB): an S3 presigned POST",
  body: PhotoUploadInput,
  response: PhotoUpload,
  status: 201,
} as const satisfies Route;
