/** `categories/list` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { CategoryCount, Items } from "../../schemas.ts";

export const categoriesList = {
  method: "GET",
  path: "/api/categories",
  handler: "categories/list",
  access: "public",
  summary: "The 8 categories with live listing counts",
  response: Items(CategoryCount),
} as const satisfies Route;
