/**
 * Search in residents' words (issue 15): suggestions as the resident types. Part of
 * the HTTP contract's schemas, which shared/schemas.ts gathers.
 */
import * as z from "zod/mini";
import { CategorySchema, text } from "./common.ts";

export const SuggestQuery = z.object({ q: text(1, 30) });

export const Suggestion = z.object({
  text: z.string(),
  kind: z.enum(["listing", "category", "word"]),
  /** The category: of a category, of a word's group, of a listing. */
  slug: z.optional(CategorySchema),
  /** The listing's id. */
  id: z.optional(z.string()),
});

export type Suggestion = z.infer<typeof Suggestion>;

export const Suggestions = z.object({ items: z.array(Suggestion).check(z.maxLength(8)) });
