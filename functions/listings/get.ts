import { getPublicListing } from "../domain/listings/read.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("listings/get", async ({ params }) => ok(await getPublicListing(params.id)));
