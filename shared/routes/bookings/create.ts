/** `bookings/create` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { Booking, BookingInput } from "../../schemas.ts";

export const bookingsCreate = {
  method: "POST",
  path: "/api/listings/{id}/bookings",
  handler: "bookings/create",
  access: "booker",
  summary: "加入该项目: join a listing",
  body: BookingInput,
  response: Booking,
  status: 201,
} as const satisfies Route;
