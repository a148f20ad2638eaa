/** `me/photo` (shared/routes.ts has the table). */

import { PhotoUpload, PhotoUploadInput } from "../../photos.ts";
import type { Route } from "../../routes.ts";

export const mePhoto = {
  method: "POST",
  path: "/api/me/photo",
  handler: "me/photo",
  access: "volunteer",
  summary: "Ask to upload my profile photo: an S3 presigned POST",
  body: PhotoUploadInput,
  response: PhotoUpload,
  status: 201,
} as const satisfies Route;
