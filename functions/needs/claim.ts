import { claimNeed } from "../domain/needs/claim.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("needs/claim", async ({ params, caller }) =>
  ok(await claimNeed(caller, params.id)),
);
