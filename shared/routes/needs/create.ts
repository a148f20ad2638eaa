/** `needs/create` (shared/routes.ts has the table). */

import { Need, NeedInput } from "../../needs.ts";
import type { Route } from "../../routes.ts";

export const needsCreate = {
  method: "POST",
  path: "/api/needs",
  handler: "needs/create",
  access: "booker",
  summary: "发布需求: post a need (a community worker: for a registered resident, onBehalfOf)",
  body: NeedInput,
  response: Need,
  status: 201,
} as const satisfies Route;
