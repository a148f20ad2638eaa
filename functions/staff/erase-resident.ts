import { eraseRegisteredResident } from "../domain/privacy/erase.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("staff/erase-resident", async ({ params, caller }) => {
  await eraseRegisteredResident(caller, params.id);
  return ok(undefined);
});
