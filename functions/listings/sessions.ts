import { listSessions } from "../domain/sessions/read.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("listings/sessions", async ({ params, query }) =>
  ok(await listSessions(params.id, query)),
);
