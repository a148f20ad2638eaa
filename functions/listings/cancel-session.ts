import { cancelSession } from "../domain/sessions/cancel.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("listings/cancel-session", async ({ params, body, caller }) =>
  ok(await cancelSession(caller, params.id, params.sessionId, body.reason)),
);
