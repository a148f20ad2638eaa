import { updateMe } from "../domain/people.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("me/update", async ({ body, caller }) => ok(await updateMe(caller, body)));
