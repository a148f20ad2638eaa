/** `me/erase` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";

export const meErase = {
  method: "DELETE",
  path: "/api/me",
  handler: "me/erase",
  access: "user",
  summary:
    "Erase my account (a resident or a volunteer): name, phone, address, notes and texts erased or anonymised; counts stay",
  status: 204,
} as const satisfies Route;
