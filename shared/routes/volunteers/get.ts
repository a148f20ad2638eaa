/** `volunteers/get` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { Shop } from "../../schemas.ts";

export const volunteersGet = {
  method: "GET",
  path: "/api/volunteers/{id}",
  handler: "volunteers/get",
  access: "public",
  summary: "A volunteer's public shop",
  response: Shop,
} as const satisfies Route;
