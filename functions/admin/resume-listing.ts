import { resumeListingAsAdmin } from "../domain/listings/write.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("admin/resume-listing", async ({ params }) =>
  ok(await resumeListingAsAdmin(params.id)),
);
