import { shareBooking } from "../domain/bookings/share.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("bookings/share", async ({ params, caller }) =>
  ok(await shareBooking(caller, params.id)),
);
