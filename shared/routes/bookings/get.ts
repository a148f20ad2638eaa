/** `bookings/get` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { Booking } from "../../schemas.ts";

export const bookingsGet = {
  method: "GET",
  path: "/api/bookings/{id}",
  handler: "bookings/get",
  access: "owner",
  summary: "One booking (its resident or volunteer)",
  response: Booking,
} as const satisfies Route;
