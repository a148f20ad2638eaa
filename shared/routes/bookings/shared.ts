/** `bookings/shared` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { SharedBooking, SharedBookingQuery } from "../../schemas.ts";

export const bookingsShared = {
  method: "GET",
  path: "/api/shared/bookings/{id}",
  handler: "bookings/shared",
  access: "public",
  summary:
    "A booking as its share link shows it to family (no contact, no 核销码); any wrong key or id is one 404",
  query: SharedBookingQuery,
  response: SharedBooking,
} as const satisfies Route;
