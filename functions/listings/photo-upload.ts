import { requestListingPhoto } from "../domain/photos/upload.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("listings/photo-upload", async ({ params, body, caller }) =>
  ok(await requestListingPhoto(caller, params.id, body)),
);
