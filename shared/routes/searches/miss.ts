/** `searches/miss` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { SearchMiss } from "../../schemas.ts";

export const searchesMiss = {
  method: "POST",
  path: "/api/searches/misses",
  handler: "searches/miss",
  access: "public",
  summary: "Record a search that found nothing (unmet demand)",
  body: SearchMiss,
  status: 204,
} as const satisfies Route;
