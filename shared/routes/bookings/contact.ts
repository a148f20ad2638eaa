/** `bookings/contact` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { Contact } from "../../schemas.ts";

export const bookingsContact = {
  method: "POST",
  path: "/api/bookings/{id}/contact",
  handler: "bookings/contact",
  access: "volunteer",
  summary: "Reveal an accepted booking's contact (audited)",
  response: Contact,
} as const satisfies Route;
