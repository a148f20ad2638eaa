/** `me/notifications` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { CursorQuery, Notification, Page } from "../../schemas.ts";

export const meNotifications = {
  method: "GET",
  path: "/api/me/notifications",
  handler: "me/notifications",
  access: "user",
  summary: "My notifications",
  query: CursorQuery,
  response: Page(Notification),
} as const satisfies Route;
