/**
 * What a join needs to know of a listing, kept for a moment per container so that a
 * rush goes straight to the transaction in arrival order: the facts a booking copies
 * (title, category, volunteer, schedule… which no condition can check) and, per
 * seat scope (the listing, or one session), an estimate of the seats left. Whether
 * the listing takes joins and really has a seat is decided by the transaction's
 * conditions on the items themselves, never by this estimate; a wrong guess costs
 * one more attempt, not a wrong booking.
 */
import type { ListingItem } from "../listings/item.ts";
import { getListingItem } from "../listings/read.ts";

export interface Known {
  listing: ListingItem;
  at: number;
}

/** Seats of one scope as last seen, plus those this container has taken since. */
interface Guess {
  capacity: number;
  seatsTaken: number;
  /** The seats were all taken at the last attempt. */
  full: boolean;
  /** Seat attempts under way from this container: later arrivals go to the waitlist. */
  pending: number;
}

const FRESH_MS = 2000;
const known = new Map<string, Known>();
const guesses = new Map<string, Guess>();
/** One read per listing at a time, however many joins arrive together. */
const reading = new Map<string, Promise<Known | ListingItem | null>>();

function remember(l: ListingItem): Known {
  if (known.size > 1000) known.clear();
  if (guesses.size > 5000) guesses.clear();
  const k: Known = { listing: l, at: Date.now() };
  known.set(l.id, k);
  const g = guesses.get(l.id);
  guesses.set(l.id, {
    capacity: l.capacity,
    seatsTaken: l.seatsTaken,
    full: l.seatsTaken >= l.capacity,
    pending: g?.pending ?? 0,
  });
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

function guess(scope: string, capacity: number): Guess {
  let g = guesses.get(scope);
  if (!g) {
    g = { capacity, seatsTaken: 0, full: false, pending: 0 };
    guesses.set(scope, g);
  }
  return g;
}

/** Whether to try for a seat (else the waitlist): on-demand always; an event while seats seem free. */
export function trySeat(k: Known, scope: string, capacity: number): boolean {
  if (k.listing.kind === "on_demand") return true;
  const g = guess(scope, capacity);
  return !g.full && g.seatsTaken + g.pending < g.capacity;
}

/** Run one attempt, counting it while it is under way if it goes for a seat. */
export async function attempting<T>(scope: string, seat: boolean, run: () => Promise<T>): Promise<T> {
  const g = guesses.get(scope);
  if (seat && g) g.pending++;
  try {
    return await run();
  } finally {
    if (seat && g) g.pending--;
  }
}

/** What an attempt's outcome says about the seats of its scope. */
export function learn(scope: string, seat: boolean, outcome: "taken" | "seatRefused"): void {
  const g = guesses.get(scope);
  if (!g) return;
  if (outcome === "taken") {
    if (seat) g.seatsTaken++;
    else g.full = true;
    return;
  }
  // A seat refused: full. A waitlist place refused: a seat is free again.
  g.full = seat;
  if (!seat) g.seatsTaken = Math.min(g.seatsTaken, g.capacity - 1);
}
