/** `staff/bookings` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { Booking, Page } from "../../schemas.ts";
import { StaffBookingQuery } from "../../staff.ts";

export const staffBookings = {
  method: "GET",
  path: "/api/staff/bookings",
  handler: "staff/bookings",
  access: "staff",
  summary: "Bookings I made for residents, with their 核销码",
  query: StaffBookingQuery,
  response: Page(Booking),
} as const satisfies Route;
