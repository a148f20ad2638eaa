import { hideNeed } from "../domain/needs/moves.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("admin/hide-need", async ({ params, body }) =>
  ok(await hideNeed(params.id, body.reason)),
);
