import { sharedBooking } from "../domain/bookings/share.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("bookings/shared", async ({ params, query }) =>
  ok(await sharedBooking(params.id, query.k)),
);
