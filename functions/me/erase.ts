import { eraseAccount } from "../domain/privacy/erase.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("me/erase", async ({ caller }) => {
  await eraseAccount(caller);
  return ok(undefined);
});
