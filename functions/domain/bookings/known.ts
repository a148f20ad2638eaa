/**
 * What a join needs to know of a listing, kept for a moment per container so that a
 * rush goes straight to the transaction in arrival order: the facts a booking copies
 * (title, category, volunteer… which no condition can check) and an estimate of the
 * seats left. Whether the listing is published and really has a seat is decided by
 * the transaction's conditions on the listing's item, never by this estimate; a
 * wrong guess costs one more attempt, not a wrong booking.
 */
import { getListingItem, type ListingItem } from "../listings.ts";
import type { BookedListing } from "./item.ts";

export interface Known {
  listing: BookedListing;
  capacity: number;
  /** Seats taken when last seen, plus the seats this container has taken since. */
  seatsTaken: number;
  /** The seats were all taken at the last attempt. */
  full: boolean;
  at: number;
}

const FRESH_MS = 2000;
const known = new Map<string, Known>();
/** Seat attempts under way from this container, per listing: later arrivals go to the waitlist. */
const pending = new Map<string, number>();
/** One read per listing at a time, however many joins arrive together. */
const reading = new Map<string, Promise<Known | ListingItem | null>>();

function remember(l: ListingItem): Known {
  const k: Known = {
    listing: l,
    capacity: l.capacity,
    seatsTaken: l.seatsTaken,
    full: l.seatsTaken >= l.capacity,
    at: Date.now(),
  };
  if (known.size > 1000) known.clear();
  known.set(l.id, k);
  return k;
}

/** The listing's facts (fresh within 2 s, or read now), or the listing itself when it cannot take joins. */
export function listingFacts(listingId: string, fresh = false): Promise<Known | ListingItem | null> {
  const k = known.get(listingId);
  if (!fresh && k && Date.now() - k.at < FRESH_MS) return Promise.resolve(k);
  let read = reading.get(listingId);
  if (!read) {
    read = getListingItem(listingId, true)
      .then((l): Known | ListingItem | null => {
        if (l?.status === "published") return remember(l);
        known.delete(listingId);
        return l;
      })
      .finally(() => reading.delete(listingId));
    reading.set(listingId, read);
  }
  return read;
}

export const isKnown = (f: Known | ListingItem | null): f is Known => f !== null && "listing" in f;

/** Whether to try for a seat (else the waitlist): on-demand always; an event while seats seem free. */
export function trySeat(k: Known): boolean {
  if (k.listing.kind === "on_demand") return true;
  return !k.full && k.seatsTaken + (pending.get(k.listing.id) ?? 0) < k.capacity;
}

/** Run one attempt, counting it while it is under way if it goes for a seat. */
export async function attempting<T>(k: Known, seat: boolean, run: () => Promise<T>): Promise<T> {
  const id = k.listing.id;
  if (seat) pending.set(id, (pending.get(id) ?? 0) + 1);
  try {
    return await run();
  } finally {
    if (seat) pending.set(id, (pending.get(id) ?? 1) - 1);
  }
}

/** What an attempt's outcome says about the seats. */
export function learn(k: Known, seat: boolean, outcome: "taken" | "seatRefused"): void {
  if (outcome === "taken") {
    if (seat) k.seatsTaken++;
    else k.full = true;
    return;
  }
  // A seat refused: the listing is full. A waitlist place refused: a seat is free again.
  k.full = seat;
  if (!seat) k.seatsTaken = Math.min(k.seatsTaken, k.capacity - 1);
}
