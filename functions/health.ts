import { categoryCounts } from "./domain/listings/read.ts";
import { http, ok } from "./lib/http.ts";

/** Ready when the table answers a read. */
export const handler = http("health", async () => {
  await categoryCounts();
  return ok({ status: "ok" });
});
