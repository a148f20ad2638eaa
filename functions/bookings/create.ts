import { joinListing } from "../domain/bookings/join.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("bookings/create", async ({ params, body, caller, headers }) =>
  ok(await joinListing(caller, params.id, body, headers["idempotency-key"])),
);
