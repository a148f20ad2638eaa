import { myBookings } from "../domain/bookings/read.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("me/bookings", async ({ query, caller }) => ok(await myBookings(caller, query)));
