import { searchDocs } from "../domain/search/store.ts";
import { suggest } from "../domain/search/suggest.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("search/suggest", async ({ query }) =>
  ok({ items: suggest(await searchDocs(), query.q, new Date()) }),
);
