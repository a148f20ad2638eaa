/** `rankings/list` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { Page, RankingItem, RankingQuery } from "../../schemas.ts";

export const rankingsList = {
  method: "GET",
  path: "/api/rankings",
  handler: "rankings/list",
  access: "public",
  summary: "Volunteers or branches by hours served",
  query: RankingQuery,
  response: Page(RankingItem),
} as const satisfies Route;
