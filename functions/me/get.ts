import { getMe } from "../domain/people.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("me/get", async ({ caller }) => ok(await getMe(caller)));
