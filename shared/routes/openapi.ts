/** `openapi` (shared/routes.ts has the table). */
import type { Route } from "../routes.ts";

export const openapi = {
  method: "GET",
  path: "/api/openapi.json",
  handler: "openapi",
  access: "public",
  summary: "This API as OpenAPI 3.1",
} as const satisfies Route;
