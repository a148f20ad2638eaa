import { pauseListingAsAdmin } from "../domain/listings/write.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("admin/pause-listing", async ({ params, body, caller }) =>
  ok(await pauseListingAsAdmin(caller, params.id, body.reason)),
);
