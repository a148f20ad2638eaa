import { setCommitteePhone } from "../domain/staff/committee.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("staff/community", async ({ body, caller }) =>
  ok(await setCommitteePhone(caller, body)),
);
