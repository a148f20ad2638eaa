import { markAllRead } from "../domain/notifications.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("me/notifications-read", async ({ caller }) => {
  await markAllRead(caller.id);
  return ok(undefined);
});
