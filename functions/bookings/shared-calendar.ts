import { sharedCalendar } from "../domain/bookings/share.ts";
import { file, http } from "../lib/http.ts";

export const handler = http("bookings/shared-calendar", async ({ params, query }) =>
  file(await sharedCalendar(params.id, query.k), "text/calendar", `booking-${params.id}.ics`),
);
