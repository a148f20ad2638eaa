/** `needs/release` (shared/routes.ts has the table). */

import { Need, ReleaseInput } from "../../needs.ts";
import type { Route } from "../../routes.ts";

export const needsRelease = {
  method: "POST",
  path: "/api/needs/{id}/release",
  handler: "needs/release",
  access: "volunteer",
  summary: "退单: give back a need I claimed, with a reason; it is open again",
  body: ReleaseInput,
  response: Need,
} as const satisfies Route;
