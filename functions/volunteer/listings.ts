import { toView } from "../domain/listings/item.ts";
import { listingsOfVolunteer } from "../domain/listings/read.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("volunteer/listings", async ({ caller }) =>
  ok({ items: (await listingsOfVolunteer(caller.id)).map(toView), nextCursor: null }),
);
