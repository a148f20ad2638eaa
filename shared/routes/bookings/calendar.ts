/** `bookings/calendar` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";

export const bookingsCalendar = {
  method: "GET",
  path: "/api/bookings/{id}/calendar.ics",
  handler: "bookings/calendar",
  access: "booker",
  summary: "My booking (or, a community worker, one I made) as an iCalendar file (加到手机日历)",
} as const satisfies Route;
