/** `admin/contact-reads` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { ContactRead, CursorQuery, Page } from "../../schemas.ts";

export const adminContactReads = {
  method: "GET",
  path: "/api/admin/contact-reads",
  handler: "admin/contact-reads",
  access: "admin",
  summary: "Audit of contact reveals",
  query: CursorQuery,
  response: Page(ContactRead),
} as const satisfies Route;
