import { getBooking } from "../domain/bookings/read.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("bookings/get", async ({ params, caller }) =>
  ok(await getBooking(caller, params.id)),
);
