/** `bookings/confirm` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { Booking, ConfirmInput } from "../../schemas.ts";

export const bookingsConfirm = {
  method: "POST",
  path: "/api/bookings/{id}/confirm",
  handler: "bookings/confirm",
  access: "booker",
  summary: "Confirm my booking was served (or, a community worker, one I made)",
  body: ConfirmInput,
  response: Booking,
} as const satisfies Route;
