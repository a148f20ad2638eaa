import { transition } from "../domain/bookings/transition.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("bookings/confirm", async ({ params, body, caller }) =>
  ok(
    await transition(caller, params.id, {
      action: "confirm",
      ...(body.hours !== undefined ? { hours: body.hours } : {}),
    }),
  ),
);
