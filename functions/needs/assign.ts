import { assignNeed } from "../domain/needs/claim.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("needs/assign", async ({ params, body, caller }) =>
  ok(await assignNeed(caller, params.id, body.volunteerId)),
);
