/** `reviews/create` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { Review, ReviewInput } from "../../schemas.ts";

export const reviewsCreate = {
  method: "POST",
  path: "/api/bookings/{id}/review",
  handler: "reviews/create",
  access: "resident",
  summary: "Rate a completed booking",
  body: ReviewInput,
  response: Review,
  status: 201,
} as const satisfies Route;
