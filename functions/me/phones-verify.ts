import { proveWithCode } from "../domain/trust/proof.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("me/phones-verify", async ({ body, caller, receivedAt }) =>
  ok(await proveWithCode(caller, body.phone, body.code, receivedAt)),
);
