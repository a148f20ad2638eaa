import { confirmOptOut } from "../domain/trust/opt-out.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("sms/opt-out-verify", async ({ body, receivedAt }) =>
  ok(await confirmOptOut(body.phone, body.code, receivedAt)),
);
