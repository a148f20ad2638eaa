/** `bookings/share` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { BookingShare } from "../../schemas.ts";

export const bookingsShare = {
  method: "POST",
  path: "/api/bookings/{id}/share",
  handler: "bookings/share",
  access: "booker",
  summary:
    "给家人看: a read-only link to my booking (or, a community worker, one I made); the same link every time",
  response: BookingShare,
} as const satisfies Route;
