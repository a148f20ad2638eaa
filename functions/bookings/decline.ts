import { transition } from "../domain/bookings/transition.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("bookings/decline", async ({ params, body, caller }) =>
  ok(await transition(caller, params.id, { action: "decline", reason: body.reason })),
);
