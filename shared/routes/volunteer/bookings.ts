/** `volunteer/bookings` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { Booking, BookingStatusQuery, Page } from "../../schemas.ts";

export const volunteerBookings = {
  method: "GET",
  path: "/api/volunteer/bookings",
  handler: "volunteer/bookings",
  access: "volunteer",
  summary: "Bookings on my listings, newest first",
  query: BookingStatusQuery,
  response: Page(Booking),
} as const satisfies Route;
