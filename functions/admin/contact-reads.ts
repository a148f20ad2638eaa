import { contactReads } from "../domain/bookings/contact.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("admin/contact-reads", async ({ query }) => ok(await contactReads(query.cursor)));
