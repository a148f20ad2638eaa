import { myNotifications } from "../domain/notifications.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("me/notifications", async ({ query, caller }) =>
  ok(await myNotifications(caller.id, query.cursor)),
);
