/** `calendar/list` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { CalendarList, CalendarQuery } from "../../schemas.ts";

export const calendarList = {
  method: "GET",
  path: "/api/calendar",
  handler: "calendar/list",
  access: "public",
  summary: "A community's sessions and events, day by day (two weeks by default)",
  query: CalendarQuery,
  response: CalendarList,
} as const satisfies Route;
