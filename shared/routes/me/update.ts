/** `me/update` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { Me, MeUpdate } from "../../schemas.ts";

export const meUpdate = {
  method: "PUT",
  path: "/api/me",
  handler: "me/update",
  access: "user",
  summary: "Update my name, phone, community",
  body: MeUpdate,
  response: Me,
} as const satisfies Route;
