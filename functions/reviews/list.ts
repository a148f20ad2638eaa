import { listingReviews } from "../domain/reviews.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("reviews/list", async ({ params, query }) =>
  ok(await listingReviews(params.id, query.cursor)),
);
