import { cancelNeed } from "../domain/needs/moves.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("needs/cancel", async ({ params, caller }) =>
  ok(await cancelNeed(caller, params.id)),
);
