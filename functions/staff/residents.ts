import { findResidents } from "../domain/staff/registry.ts";
import { http, ok } from "../lib/http.ts";

export const handler = http("staff/residents", async ({ query, caller }) =>
  ok(await findResidents(caller, query)),
);
