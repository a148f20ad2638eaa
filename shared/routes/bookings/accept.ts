/** `bookings/accept` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { Booking } from "../../schemas.ts";

export const bookingsAccept = {
  method: "POST",
  path: "/api/bookings/{id}/accept",
  handler: "bookings/accept",
  access: "volunteer",
  summary: "Accept a request",
  response: Booking,
} as const satisfies Route;
