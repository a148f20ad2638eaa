import { joinListing } from "../domain/bookings/join.ts";
import { http, ok } from "../lib/http.ts";

// First come, first served: a join is dated by its arrival at the gateway, not by when its handler ran.
export const handler = http("bookings/create", async ({ params, body, caller, headers, receivedAt }) =>
  ok(await joinListing(caller, params.id, body, headers["idempotency-key"], receivedAt)),
);
