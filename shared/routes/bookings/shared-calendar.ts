/** `bookings/shared-calendar` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { SharedBookingQuery } from "../../schemas.ts";

export const bookingsSharedCalendar = {
  method: "GET",
  path: "/api/shared/bookings/{id}/calendar.ics",
  handler: "bookings/shared-calendar",
  access: "public",
  summary:
    "The shared booking as an iCalendar file for a family member's phone (no address, no 核销码); any wrong key or id is one 404",
  query: SharedBookingQuery,
} as const satisfies Route;
