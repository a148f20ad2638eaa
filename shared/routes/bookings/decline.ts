/** `bookings/decline` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { Booking, DeclineInput } from "../../schemas.ts";

export const bookingsDecline = {
  method: "POST",
  path: "/api/bookings/{id}/decline",
  handler: "bookings/decline",
  access: "volunteer",
  summary: "Decline a request with a reason",
  body: DeclineInput,
  response: Booking,
} as const satisfies Route;
