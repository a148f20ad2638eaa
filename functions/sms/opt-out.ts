import { startOptOut } from "../domain/trust/opt-out.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("sms/opt-out", async ({ body, receivedAt }) =>
  ok(await startOptOut(body.phone, receivedAt)),
);
