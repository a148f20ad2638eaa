import { bookingCalendar } from "../domain/bookings/calendar.ts";
import { file, http } from "../lib/http.ts";

export const handler = http("bookings/calendar", async ({ params, caller }) =>
  file(await bookingCalendar(caller, params.id), "text/calendar", `booking-${params.id}.ics`),
);
