/** `admin/stats-csv` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { StatsQuery } from "../../schemas.ts";

export const adminStatsCsv = {
  method: "GET",
  path: "/api/admin/stats.csv",
  handler: "admin/stats-csv",
  access: "admin",
  summary: "Fulfilment dashboard as CSV",
  query: StatsQuery,
} as const satisfies Route;
