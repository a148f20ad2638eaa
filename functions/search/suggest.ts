import { suggestions } from "../domain/search/suggest.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("search/suggest", async ({ query }) => ok({ items: await suggestions(query.q) }));
