import { transition } from "../domain/bookings/transition.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("bookings/no-show", async ({ params, caller }) =>
  ok(await transition(caller, params.id, { action: "noShow" })),
);
