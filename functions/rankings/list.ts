import { rankings } from "../domain/rankings.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("rankings/list", async ({ query }) =>
  ok({ items: await rankings(query.by, query.period), nextCursor: null }),
);
