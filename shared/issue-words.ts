/**
 * The words of a validation issue that carries no message of its own (a wrong type,
 * an unknown key, a bad date-time): `zod/mini` sets no locale and would say only
 * "Invalid input". The API's details (API.md "Errors") and the forms keep the words
 * they had with classic zod, its English locale. Called once where input is parsed:
 * the handler wrapper (functions/lib/http.ts) and the storefront forms that show a
 * schema's issues.
 */
import { en } from "zod/locales";
// Not `z.config`: the storefront's bundler takes every `z.…` call for a pure one (web/astro.config.mjs).
import { config } from "zod/mini";

export function useIssueWords(): void {
  config(en());
}
