import { communities } from "../domain/listings/read.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("communities/list", async () =>
  ok({ items: await communities(), nextCursor: null }, { "cache-control": "public, max-age=30" }),
);
