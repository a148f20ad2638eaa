import { staffNeeds } from "../domain/needs/read.ts";
import { communityOf } from "../domain/staff/registry.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("staff/needs", async ({ query, caller }) => {
  communityOf(caller);
  return ok(await staffNeeds(caller, query.cursor));
});
