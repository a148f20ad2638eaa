import { releaseNeed } from "../domain/needs/moves.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("needs/release", async ({ params, body, caller }) =>
  ok(await releaseNeed(caller, params.id, body.reason)),
);
