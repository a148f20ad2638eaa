/** `admin/hide-photo` (shared/routes.ts has the table). */

import { PhotoHideInput, PhotoParams } from "../../photos.ts";
import type { Route } from "../../routes.ts";

export const adminHidePhoto = {
  method: "POST",
  path: "/api/admin/photos/{photoId}/hide",
  handler: "admin/hide-photo",
  access: "admin",
  summary: "Hide any photo, with a reason (removed from storage; the owner is told)",
  params: PhotoParams,
  body: PhotoHideInput,
  status: 204,
} as const satisfies Route;
