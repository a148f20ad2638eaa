/**
 * Publishing and editing a listing, with what follows from it in other aggregates:
 * a scheduled event's sessions (made when published, kept in step when the schedule
 * changes) and, when an edit adds seats, the waitlist moving up into them.
 */
import type { Listing, ListingInput, ListingPatch } from "../../../shared/schemas.ts";
import type { User } from "../../lib/auth.ts";
import { promoteIntoFreeSeats } from "../bookings/seats.ts";
import { ensureSessions, syncSessions } from "../sessions/expand.ts";
import { parseRule } from "../sessions/schedule.ts";
import { newListingItem, toView } from "./item.ts";
import { getListingItem } from "./read.ts";
import { insertListing, patchListing } from "./write.ts";

export async function createListing(user: User, input: ListingInput, now = new Date()): Promise<Listing> {
  if (input.schedule) parseRule(input.schedule.rrule);
  const item = newListingItem(user, input, now);
  await insertListing(user, item);
  await ensureSessions(item, now);
  return toView(item);
}

export async function editListing(
  user: User,
  id: string,
  patch: ListingPatch,
  now = new Date(),
): Promise<Listing> {
  if (patch.schedule) parseRule(patch.schedule.rrule);
  const edited = await patchListing(user, id, patch, now);
  if (edited.schedule) {
    const item = await getListingItem(id, true);
    if (item) await (patch.schedule ? syncSessions(item, now) : ensureSessions(item, now));
  }
  if (edited.kind !== "event" || edited.waitlistCount === 0 || edited.seatsTaken >= edited.capacity)
    return edited;
  await promoteIntoFreeSeats(id, now);
  const fresh = await getListingItem(id, true);
  return fresh ? toView(fresh) : edited;
}
