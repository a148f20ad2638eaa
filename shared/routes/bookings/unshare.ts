/** `bookings/unshare` (shared/routes.ts has the table). */
import type { Route } from "../../routes.ts";

export const bookingsUnshare = {
  method: "DELETE",
  path: "/api/bookings/{id}/share",
  handler: "bookings/unshare",
  access: "booker",
  summary: "停止分享: the link given to family opens nothing any more; sharing again gives a new one",
  status: 204,
} as const satisfies Route;
