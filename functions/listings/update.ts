import { editListing } from "../domain/listings/lifecycle.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("listings/update", async ({ params, body, caller }) =>
  ok(await editListing(caller, params.id, body)),
);
