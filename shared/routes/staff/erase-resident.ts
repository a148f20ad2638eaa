/** `staff/erase-resident` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";

export const staffEraseResident = {
  method: "DELETE",
  path: "/api/staff/residents/{id}",
  handler: "staff/erase-resident",
  access: "staff",
  summary: "Withdraw a registered resident of my community: their personal data erased or anonymised",
  status: 204,
} as const satisfies Route;
