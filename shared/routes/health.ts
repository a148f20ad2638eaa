/** `health` (shared/routes.ts has the table). */
import type { Route } from "../routes.ts";
import { Health } from "../schemas.ts";

export const health = {
  method: "GET",
  path: "/api/health",
  handler: "health",
  access: "public",
  summary: "Liveness and database reachability",
  response: Health,
} as const satisfies Route;
