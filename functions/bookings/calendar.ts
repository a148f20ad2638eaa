import { bookingCalendar } from "../domain/bookings/calendar.ts";
import { http } from "../lib/http.ts";

export const handler = http("bookings/calendar", async ({ params, caller }) => ({
  body: await bookingCalendar(caller, params.id),
  raw: true,
  headers: {
    "content-type": "text/calendar; charset=utf-8",
    "content-disposition": `attachment; filename="booking-${params.id}.ics"`,
    "cache-control": "no-store",
  },
}));
