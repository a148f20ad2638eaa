/** `listings/roster` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { Roster } from "../../schemas.ts";
import { SessionParams } from "../../sessions.ts";

export const listingsRoster = {
  method: "GET",
  path: "/api/listings/{id}/sessions/{sessionId}/roster",
  handler: "listings/roster",
  access: "volunteer",
  summary: "A session's roster for its volunteer, in arrival order",
  params: SessionParams,
  response: Roster,
} as const satisfies Route;
