/** `reviews/reply` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { ReplyInput, Review } from "../../schemas.ts";

export const reviewsReply = {
  method: "POST",
  path: "/api/reviews/{id}/reply",
  handler: "reviews/reply",
  access: "volunteer",
  summary: "Reply once to a review",
  body: ReplyInput,
  response: Review,
} as const satisfies Route;
