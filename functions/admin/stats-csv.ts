import { statsCsv } from "../domain/stats/csv.ts";
import { readStats } from "../domain/stats/read.ts";
import { file, http } from "../lib/http.ts";

export const handler = http("admin/stats-csv", async ({ query }) => {
  const stats = await readStats(query);
  return file(statsCsv(stats), "text/csv", `stats-${stats.from}-${stats.to}.csv`);
});
