/** `staff/community` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { CommunityPhone, CommunityPhoneInput } from "../../staff.ts";

export const staffCommunity = {
  method: "PUT",
  path: "/api/staff/community",
  handler: "staff/community",
  access: "staff",
  summary: "Set my community's 居委会 phone (on every desk's slip and the family page)",
  body: CommunityPhoneInput,
  response: CommunityPhone,
} as const satisfies Route;
