import { staffBookings } from "../domain/bookings/read.ts";
import { communityOf } from "../domain/staff/registry.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("staff/bookings", async ({ query, caller }) => {
  communityOf(caller);
  return ok(await staffBookings(caller, query));
});
