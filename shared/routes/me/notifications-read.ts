/** `me/notifications-read` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";

export const meNotificationsRead = {
  method: "POST",
  path: "/api/me/notifications/read",
  handler: "me/notifications-read",
  access: "user",
  summary: "Mark all read",
  status: 204,
} as const satisfies Route;
