import { volunteerBookings } from "../domain/bookings/read.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("volunteer/bookings", async ({ query, caller }) =>
  ok(await volunteerBookings(caller, query)),
);
