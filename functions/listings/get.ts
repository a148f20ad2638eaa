import { getPublicListing } from "../domain/listings.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("listings/get", async ({ params }) => ok(await getPublicListing(params.id)));
