/** `me/bookings` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { Booking, BookingStatusQuery, Page } from "../../schemas.ts";

export const meBookings = {
  method: "GET",
  path: "/api/me/bookings",
  handler: "me/bookings",
  access: "resident",
  summary: "My bookings",
  query: BookingStatusQuery,
  response: Page(Booking),
} as const satisfies Route;
