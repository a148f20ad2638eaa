import { categoryCounts } from "../domain/listings/read.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("categories/list", async () =>
  ok({ items: await categoryCounts() }, { "cache-control": "public, max-age=30" }),
);
