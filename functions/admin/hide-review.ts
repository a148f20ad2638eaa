import { hideReview } from "../domain/reviews.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("admin/hide-review", async ({ params, body, caller }) =>
  ok(await hideReview(caller, params.id, body.reason)),
);
