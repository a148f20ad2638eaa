/** `listings/sessions` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { SessionList, SessionsQuery } from "../../sessions.ts";

export const listingsSessions = {
  method: "GET",
  path: "/api/listings/{id}/sessions",
  handler: "listings/sessions",
  access: "public",
  summary: "A scheduled listing's sessions, with seats left (upcoming 8 weeks by default)",
  query: SessionsQuery,
  response: SessionList,
} as const satisfies Route;
