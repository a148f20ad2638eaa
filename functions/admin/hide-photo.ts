import { hidePhoto } from "../domain/photos/remove.ts";
import { http } from "../lib/http.ts";

export const handler = http("admin/hide-photo", async ({ params, body }) => {
  await hidePhoto(params.photoId, body.reason);
  return {};
});
