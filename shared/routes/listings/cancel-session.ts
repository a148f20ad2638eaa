/** `listings/cancel-session` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";
import { Session, SessionCancelInput, SessionParams } from "../../sessions.ts";

export const listingsCancelSession = {
  method: "POST",
  path: "/api/listings/{id}/sessions/{sessionId}/cancel",
  handler: "listings/cancel-session",
  access: "volunteer",
  summary: "Cancel one session of my listing, with a reason; its bookings are cancelled",
  params: SessionParams,
  body: SessionCancelInput,
  response: Session,
} as const satisfies Route;
