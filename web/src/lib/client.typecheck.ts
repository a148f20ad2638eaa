/**
 * Type-level tests of the client, checked by `tsc -p web/tsconfig.json` (never run,
 * never bundled): each `@ts-expect-error` line must be an error, so a page that
 * calls a route with the wrong body, params or result type fails the type check.
 */
import {
  adminStatsCsv,
  bookingsComplete,
  bookingsCreate,
  bookingsDecline,
  listingsGet,
  listingsList,
  listingsRoster,
  meNotificationsRead,
} from "../../../shared/routes.ts";
import { call } from "./client.ts";

export async function clientTypeChecks(): Promise<void> {
  // A well-formed join: params, the BookingInput body, an Idempotency-Key.
  const joined = await call(bookingsCreate, {
    params: { id: "l-1" },
    body: { phone: "13812345678", note: "周六上午" },
    headers: { "idempotency-key": "k" },
  });
  if (joined.ok) {
    const status:
      | "requested"
      | "accepted"
      | "completed"
      | "waitlisted"
      | "declined"
      | "cancelled"
      | "expired"
      | "no_show" = joined.data.status;
    void status;
    // @ts-expect-error: a Booking has no `title`
    void joined.data.title;
  } else {
    // @ts-expect-error: codes are the API.md codes, not any string
    if (joined.error.code === "ALREADY_JOINED_TWICE") return;
  }

  // @ts-expect-error: completing needs the resident's code as well as the hours
  await call(bookingsComplete, { params: { id: "b-1" }, body: { hours: 1 } });
  // @ts-expect-error: a route with a body needs it
  await call(bookingsDecline, { params: { id: "b-1" } });
  // @ts-expect-error: a phone is a string
  await call(bookingsCreate, { params: { id: "l-1" }, body: { phone: 13812345678 } });
  // @ts-expect-error: BookingInput is strict; there is no `seats`
  await call(bookingsCreate, { params: { id: "l-1" }, body: { phone: "13812345678", seats: 2 } });
  // @ts-expect-error: the path needs `id`
  await call(bookingsCreate, { body: { phone: "13812345678" } });
  // @ts-expect-error: a GET takes no body
  await call(listingsGet, { params: { id: "l-1" }, body: {} });
  // @ts-expect-error: the roster needs `sessionId` as well as `id`
  await call(listingsRoster, { params: { id: "l-1" } });
  // @ts-expect-error: not a route of the table
  await call({
    method: "POST",
    path: "/api/bookings/{id}/teleport",
    handler: "bookings/teleport",
    access: "public",
  });
  // @ts-expect-error: `sort` is new | rating | popular
  await call(listingsList, { query: { sort: "cheapest" } });

  // A file route gives a Blob; a 204 gives nothing.
  const csv = await call(adminStatsCsv, { query: { from: "2026-01-01" } });
  if (csv.ok) void csv.data.size;
  const read = await call(meNotificationsRead);
  if (read.ok) {
    const nothing: undefined = read.data;
    void nothing;
  }
}
