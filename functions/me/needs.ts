import { myNeeds } from "../domain/needs/read.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("me/needs", async ({ query, caller }) => ok(await myNeeds(caller, query.cursor)));
