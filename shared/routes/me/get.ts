/** `me/get` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { Me } from "../../schemas.ts";

export const meGet = {
  method: "GET",
  path: "/api/me",
  handler: "me/get",
  access: "user",
  summary: "Who I am",
  response: Me,
} as const satisfies Route;
