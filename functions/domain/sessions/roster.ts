/**
 * A session's roster for its volunteer: every booking of the session that holds or
 * waits for a seat, or was served, in arrival order — contact masked (a GET never
 * audits; revealing it is the audited POST /api/bookings/{id}/contact). Four Queries
 * in parallel, one per status, on the session's bookings-by-status index.
 */
import { keys } from "../../../shared/keys.ts";
import type { Roster } from "../../../shared/schemas.ts";
import type { User } from "../../lib/auth.ts";
import { queryAll } from "../../lib/query.ts";
import { BookingItem, toBookingView } from "../bookings/item.ts";
import { NotFound, NotOwner } from "../errors.ts";
import { getListingItem } from "../listings/read.ts";
import { toSessionView } from "./item.ts";
import { getSessionItem } from "./read.ts";

const ON_ROSTER = ["requested", "accepted", "completed", "waitlisted"] as const;

export async function sessionRoster(
  user: User,
  listingId: string,
  sessionId: string,
  now = new Date(),
): Promise<Roster> {
  const [listing, session] = await Promise.all([
    getListingItem(listingId),
    getSessionItem(listingId, sessionId),
  ]);
  if (!listing || !session) throw new NotFound("场次");
  if (listing.volunteerId !== user.id) throw new NotOwner("只能查看自己服务的名单");
  const scope = keys.seatScope(listingId, sessionId);
  const rows = (
    await Promise.all(
      ON_ROSTER.map((status) => queryAll({ index: "gsi3", pk: keys.listingBookingsByStatus(scope, status) })),
    )
  ).flat();
  const bookings = rows
    .map((r) => BookingItem.parse(r))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  let waiting = 0;
  const items = bookings.map((b) =>
    toBookingView(b, "volunteer", b.status === "waitlisted" ? ++waiting : undefined),
  );
  return { listingTitle: listing.title, session: toSessionView(session, now), items };
}
