import { replyToReview } from "../domain/reviews.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("reviews/reply", async ({ params, body, caller }) =>
  ok(await replyToReview(caller, params.id, body.text)),
);
