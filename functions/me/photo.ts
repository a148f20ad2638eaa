import { requestFacePhoto } from "../domain/photos/upload.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("me/photo", async ({ body, caller }) => ok(await requestFacePhoto(caller, body)));
