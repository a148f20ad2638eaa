import { needBoard } from "../domain/needs/read.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("needs/list", async ({ query, caller }) => ok(await needBoard(caller, query)));
