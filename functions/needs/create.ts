import { postNeed } from "../domain/needs/post.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("needs/create", async ({ body, caller, receivedAt }) =>
  ok(await postNeed(caller, body, receivedAt)),
);
