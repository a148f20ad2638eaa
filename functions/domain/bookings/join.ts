/**
 * 加入该项目: a seat (or a waitlist place on a full event) and the booking in one
 * transaction of four items — the listing's counter with its condition, the
 * booking, the resident's live guard and the idempotency record — and nothing else:
 * everything derived (the volunteer's notice, the dashboard) follows from the
 * table's stream.
 *
 * First come, first served: the booking's `createdAt` is the moment the request
 * reached the API and orders the waitlist; the seat is tried at once (no read of
 * the listing on the way when its facts are fresh in this container), and a seat
 * condition that fails turns straight into a waitlist attempt (and back), with no
 * pause, so requests reach the listing's item in the order they arrived.
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import { keys } from "../../../shared/keys.ts";
import type { Booking, BookingInput } from "../../../shared/schemas.ts";
import type { User } from "../../lib/auth.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";
import { Conflict, Forbidden, NotFound, Unavailable, ValidationFailed } from "../errors.ts";
import { getListingItem, type ListingItem } from "../listings.ts";
import { pause, transact } from "../transact.ts";
import { type BookedListing, newBookingItem } from "./item.ts";
import { getBookingItem, view } from "./read.ts";
import { joinWaitlist, takeSeat } from "./seats.ts";
import { bookingPut, idempotencyPut, liveGuardPut } from "./write.ts";

const IdempotencyRecord = z.object({ bookingId: z.string(), listingId: z.string() });

export function checkIdempotencyKey(key: string | undefined): string | undefined {
  if (key === undefined || key === "") return undefined;
  if (!/^[A-Za-z0-9_.:-]{1,100}$/.test(key)) {
    throw new ValidationFailed("Idempotency-Key 须为 1–100 个字母、数字或 _.:-", [
      { in: "header", path: "idempotency-key", message: "invalid" },
    ]);
  }
  return key;
}

/** The first result of an earlier join with this key, or null if there was none. */
async function replay(user: User, key: string, listingId: string): Promise<Booking | null> {
  const res = await ddb.send(
    new GetCommand({ TableName: TABLE_NAME, Key: keys.idempotency(user.id, key), ConsistentRead: true }),
  );
  if (!res.Item) return null;
  const rec = IdempotencyRecord.parse(res.Item);
  if (rec.listingId !== listingId)
    throw new Conflict("IDEMPOTENCY_KEY_REUSED", "这个 Idempotency-Key 已用于另一次报名");
  const b = await getBookingItem(rec.bookingId);
  if (!b) throw new NotFound("预约");
  return view(b, "resident");
}

/**
 * What a join needs of a listing, kept for a moment per container so a rush goes
 * straight to the transaction. Only facts a booking copies and that conditions
 * cannot check are taken from here; whether the listing is published and has a
 * seat is decided by the transaction's conditions on the item itself.
 */
interface Known {
  listing: BookedListing;
  /** The last seen state: try the waitlist first when the seats were all taken. */
  full: boolean;
  at: number;
}
const FRESH_MS = 2000;
const known = new Map<string, Known>();

function remember(l: ListingItem): Known {
  const k: Known = { listing: l, full: l.seatsTaken >= l.capacity, at: Date.now() };
  if (known.size > 500) known.clear();
  known.set(l.id, k);
  return k;
}

async function listingFacts(listingId: string, fresh: boolean): Promise<Known | ListingItem | null> {
  const k = known.get(listingId);
  if (!fresh && k && Date.now() - k.at < FRESH_MS) return k;
  const l = await getListingItem(listingId, true);
  if (l?.status === "published") return remember(l);
  known.delete(listingId);
  return l;
}

const alreadyJoined = () => new Conflict("ALREADY_JOINED", "您已报名该服务，请在“我的预约”中查看");

export async function joinListing(
  user: User,
  listingId: string,
  input: BookingInput,
  idempotencyKey?: string,
  now = new Date(),
): Promise<Booking> {
  const key = checkIdempotencyKey(idempotencyKey);
  let facts = await listingFacts(listingId, false);
  for (let attempt = 0; attempt < 40; attempt++) {
    // A listing that cannot take this join: an earlier join with the same key still answers as it did.
    if (!facts || !("listing" in facts)) {
      const first = key ? await replay(user, key, listingId) : null;
      if (first) return first;
      if (!facts) throw new NotFound("服务");
      if (facts.volunteerId === user.id) throw new Forbidden("不能报名自己发布的服务", "OWN_LISTING");
      throw new Conflict("LISTING_NOT_PUBLISHED", "该服务暂不接受报名");
    }
    const { listing } = facts;
    if (listing.volunteerId === user.id) throw new Forbidden("不能报名自己发布的服务", "OWN_LISTING");
    const seat = !facts.full || listing.kind === "on_demand";
    const b = newBookingItem(user, listing, input, seat ? "requested" : "waitlisted", now);
    const out = await transact([
      seat ? takeSeat(listingId) : joinWaitlist(listingId),
      bookingPut(b),
      liveGuardPut(b),
      ...(key ? [idempotencyPut(b, key, now)] : []),
    ]);
    if (out.ok) {
      facts.full = !seat;
      return view(b, "resident");
    }
    if (key && out.failed.has("idempotency")) {
      const first = await replay(user, key, listingId);
      if (first) return first;
    } else if (out.failed.has("liveGuard")) throw alreadyJoined();
    else if (out.failed.has("seat")) {
      // Full (or no longer full) since last seen: flip at once, no pause, keeping our place in the queue.
      if (listing.kind === "event" && attempt % 4 !== 3) {
        facts.full = seat;
        continue;
      }
      facts = await listingFacts(listingId, true);
      if (facts && "listing" in facts && facts.listing.kind === "on_demand" && facts.full)
        throw new Conflict("LISTING_FULL", "该服务当前预约已满，请稍后再试");
      continue;
    }
    // Another transaction held an item: try again after a short pause.
    await pause(attempt);
  }
  throw new Unavailable(1);
}
