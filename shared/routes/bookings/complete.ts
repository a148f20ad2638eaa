/** `bookings/complete` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { Booking, CompleteInput } from "../../schemas.ts";

export const bookingsComplete = {
  method: "POST",
  path: "/api/bookings/{id}/complete",
  handler: "bookings/complete",
  access: "volunteer",
  summary: "Complete with hours and the resident's code",
  body: CompleteInput,
  response: Booking,
} as const satisfies Route;
