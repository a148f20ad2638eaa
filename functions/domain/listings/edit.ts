/** A volunteer's edit of their listing, and the waitlist moving up if it made room. */
import type { Listing, ListingPatch } from "../../../shared/schemas.ts";
import type { User } from "../../lib/auth.ts";
import { promoteIntoFreeSeats } from "../bookings/seats.ts";
import { getListingItem, patchListing, toView } from "../listings.ts";

export async function editListing(
  user: User,
  id: string,
  patch: ListingPatch,
  now = new Date(),
): Promise<Listing> {
  const edited = await patchListing(user, id, patch, now);
  if (edited.kind !== "event" || edited.waitlistCount === 0 || edited.seatsTaken >= edited.capacity)
    return edited;
  await promoteIntoFreeSeats(id, now);
  const fresh = await getListingItem(id, true);
  return fresh ? toView(fresh) : edited;
}
