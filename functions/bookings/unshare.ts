import { unshareBooking } from "../domain/bookings/share.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("bookings/unshare", async ({ params, caller }) => {
  await unshareBooking(caller, params.id);
  return ok(undefined);
});
