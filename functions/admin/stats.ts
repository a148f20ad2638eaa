import { readStats } from "../domain/stats/read.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("admin/stats", async ({ query }) => ok(await readStats(query)));
