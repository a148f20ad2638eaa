import { askToProve } from "../domain/trust/proof.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("me/phones", async ({ body, caller, receivedAt }) =>
  ok(await askToProve(caller, body.phone, receivedAt)),
);
