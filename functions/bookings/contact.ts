import { revealContact } from "../domain/bookings/contact.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("bookings/contact", async ({ params, caller }) =>
  ok(await revealContact(caller, params.id)),
);
