/** `bookings/no-show` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { Booking } from "../../schemas.ts";

export const bookingsNoShow = {
  method: "POST",
  path: "/api/bookings/{id}/no-show",
  handler: "bookings/no-show",
  access: "volunteer",
  summary: "Mark an accepted booking whose time has come 居民未到 (no-show)",
  response: Booking,
} as const satisfies Route;
