import { databaseAnswers } from "./domain/health.ts";
import { http, ok } from "./lib/http.ts";

/** Ready when the table answers a read. */
export const handler = http("health", async () => {
  await databaseAnswers();
  return ok({ status: "ok" });
});
