/** `communities/list` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { CommunityCount, Page } from "../../schemas.ts";

export const communitiesList = {
  method: "GET",
  path: "/api/communities",
  handler: "communities/list",
  access: "public",
  summary: "Communities with their live listing counts and 居委会 phones",
  response: Page(CommunityCount),
} as const satisfies Route;
