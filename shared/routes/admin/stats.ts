/** `admin/stats` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { Stats, StatsQuery } from "../../schemas.ts";

export const adminStats = {
  method: "GET",
  path: "/api/admin/stats",
  handler: "admin/stats",
  access: "admin",
  summary: "Fulfilment dashboard",
  query: StatsQuery,
  response: Stats,
} as const satisfies Route;
