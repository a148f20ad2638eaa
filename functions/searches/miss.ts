import { recordSearchMiss } from "../domain/search-misses.ts";
import { http } from "../lib/http.ts";

export const handler = http("searches/miss", async ({ body }) => {
  await recordSearchMiss(body.q);
  return { status: 204 };
});
