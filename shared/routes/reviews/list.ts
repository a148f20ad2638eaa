/** `reviews/list` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { CursorQuery, Page, Review } from "../../schemas.ts";

export const reviewsList = {
  method: "GET",
  path: "/api/listings/{id}/reviews",
  handler: "reviews/list",
  access: "public",
  summary: "A listing's reviews, newest first",
  query: CursorQuery,
  response: Page(Review),
} as const satisfies Route;
