import { patchListing } from "../domain/listings.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("listings/update", async ({ params, body, caller }) =>
  ok(await patchListing(caller, params.id, body)),
);
