/** `bookings/cancel` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { Booking } from "../../schemas.ts";

export const bookingsCancel = {
  method: "POST",
  path: "/api/bookings/{id}/cancel",
  handler: "bookings/cancel",
  access: "booker",
  summary: "Cancel my booking (or, a community worker, one I made)",
  response: Booking,
} as const satisfies Route;
