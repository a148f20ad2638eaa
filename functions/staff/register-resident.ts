import { registerResident } from "../domain/staff/registry.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("staff/register-resident", async ({ body, caller }) =>
  ok(await registerResident(caller, body)),
);
