/** `search/suggest` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { Suggestions, SuggestQuery } from "../../schemas.ts";

export const searchSuggest = {
  method: "GET",
  path: "/api/search/suggest",
  handler: "search/suggest",
  access: "public",
  summary: "Suggestions as the resident types: listings, categories and everyday words (at most 8)",
  query: SuggestQuery,
  response: Suggestions,
} as const satisfies Route;
