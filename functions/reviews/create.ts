import { createReview } from "../domain/reviews.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("reviews/create", async ({ params, body, caller }) =>
  ok(await createReview(caller, params.id, body)),
);
