import { statsCsv } from "../domain/stats/csv.ts";
import { readStats } from "../domain/stats/read.ts";
import { http } from "../lib/http.ts";

export const handler = http("admin/stats-csv", async ({ query }) => {
  const stats = await readStats(query);
  return {
    raw: true,
    body: statsCsv(stats),
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="stats-${stats.from}-${stats.to}.csv"`,
      "cache-control": "no-store",
    },
  };
});
