import { deleteListingPhoto } from "../domain/photos/remove.ts";
import { http } from "../lib/http.ts";

export const handler = http("listings/photo-delete", async ({ params, caller }) => {
  await deleteListingPhoto(caller, params.id, params.photoId);
  return {};
});
