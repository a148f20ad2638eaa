import { sharedCalendar } from "../domain/bookings/share.ts";
import { http } from "../lib/http.ts";

export const handler = http("bookings/shared-calendar", async ({ params, query }) => ({
  body: await sharedCalendar(params.id, query.k),
  raw: true,
  headers: {
    "content-type": "text/calendar; charset=utf-8",
    "content-disposition": `attachment; filename="booking-${params.id}.ics"`,
    "cache-control": "no-store",
  },
}));
