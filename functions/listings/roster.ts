import { sessionRoster } from "../domain/sessions/roster.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("listings/roster", async ({ params, caller }) =>
  ok(await sessionRoster(caller, params.id, params.sessionId)),
);
