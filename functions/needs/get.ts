import { getNeed } from "../domain/needs/read.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("needs/get", async ({ params, caller }) => ok(await getNeed(caller, params.id)));
