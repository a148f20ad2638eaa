import { pauseListingAsAdmin } from "../domain/listings/write.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("admin/pause-listing", async ({ params, body }) =>
  ok(await pauseListingAsAdmin(params.id, body.reason)),
);
