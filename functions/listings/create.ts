import { createListing } from "../domain/listings/lifecycle.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("listings/create", async ({ body, caller }) =>
  ok(await createListing(caller, body)),
);
