import { transition } from "../domain/bookings/transition.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("bookings/complete", async ({ params, body, caller }) =>
  ok(await transition(caller, params.id, { action: "complete", hours: body.hours, code: body.code })),
);
