import { browse } from "../domain/listings/browse.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("listings/list", async ({ query }) => ok(await browse(query)));
