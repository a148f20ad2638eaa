/**
 * 加入该项目: a seat (or a waitlist place on a full event) and the booking in one
 * transaction of four items — the listing's counter with its condition, the
 * booking, the resident's live guard and the idempotency record — and nothing else:
 * everything derived (the volunteer's notice, the dashboard) follows from the
 * table's stream.
 *
 * First come, first served: the booking's `createdAt` is the moment the request
 * reached the API and orders the waitlist. The attempt goes straight to the
 * transaction (the listing's facts are kept for a moment per container, see
 * known.ts), so requests reach the listing's item in the order they arrived; the
 * earliest arrivals go for the seats, later ones for the waitlist, and a condition
 * that refuses one turns at once into the other, with no pause.
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod/mini";
import { keys } from "../../../shared/keys.ts";
import type { Booking, BookingInput } from "../../../shared/schemas.ts";
import type { User } from "../../lib/auth.ts";
import { pause } from "../../lib/backoff.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";
import { Conflict, Forbidden, NotFound, Unavailable, ValidationFailed } from "../errors.ts";
import type { ListingItem } from "../listings/item.ts";
import { getSessionItem } from "../sessions/read.ts";
import { type SessionTimes, sessionTimes } from "../sessions/schedule.ts";
import { ownResident } from "../staff/registry.ts";
import { transact } from "../transact.ts";
import { isProvenFor } from "../trust/proof.ts";
import { heldWhileLive, phoneTaken, tooManyLive } from "./guards.ts";
import { type BookingItem, newBookingItem } from "./item.ts";
import { attempting, isKnown, type Known, learn, listingFacts, trySeat } from "./known.ts";
import { getBookingItem, view } from "./read.ts";
import { joinWaitlist, listingTakesJoins, type SeatHolder, seatHolder, takeSeat } from "./seats.ts";
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

const alreadyJoined = () => new Conflict("ALREADY_JOINED", "您已报名该服务，请在“我的预约”中查看");

/** The seat scope a join asks for: the listing, or one upcoming session of a scheduled listing. */
function sessionOf(listing: ListingItem, input: BookingInput, now: Date): SessionTimes | undefined {
  if (!listing.schedule) {
    if (input.sessionId)
      throw new ValidationFailed("该服务没有场次", [
        { in: "body", path: "sessionId", message: "该服务没有场次" },
      ]);
    return undefined;
  }
  if (!input.sessionId)
    throw new ValidationFailed("请选择要预约的场次", [{ in: "body", path: "sessionId", message: "必填" }]);
  const session = sessionTimes(input.sessionId, listing.schedule.durationMinutes);
  if (!session) throw new NotFound("场次");
  if (Date.parse(session.startsAt) <= now.getTime())
    throw new Conflict("SESSION_PAST", "这个场次已经开始或结束了，请选择其他场次");
  return session;
}

/** Why a session refused a join, once the seat and the waitlist both did: gone, or cancelled. */
async function sessionRefusal(listingId: string, sessionId: string): Promise<never | undefined> {
  const s = await getSessionItem(listingId, sessionId);
  if (!s) throw new NotFound("场次");
  if (s.status === "cancelled") throw new Conflict("SESSION_CANCELLED", "这个场次已取消，请选择其他场次");
  return undefined;
}

/** Whom a join books for, with what they asked and whether their phone is proven. */
interface Joiner {
  user: User;
  input: BookingInput;
  bookedBy?: BookingItem["bookedBy"];
  residentNote?: string;
  phoneProven: boolean;
}

/**
 * Whom a join books for: the caller, or — a community worker with `onBehalfOf` — a
 * resident registered in the worker's community, with the registry's phone and
 * address. Everything after is the same join, under the resident's identity (their
 * live guard, their idempotency records).
 */
async function bookingFor(caller: User, input: BookingInput): Promise<Joiner> {
  if (caller.role === "staff") {
    if (!input.onBehalfOf)
      throw new ValidationFailed("请选择为哪位居民预约", [
        { in: "body", path: "onBehalfOf", message: "必填" },
      ]);
    const r = await ownResident(caller, input.onBehalfOf);
    return {
      user: { id: r.id, name: r.name, role: "resident", community: r.community },
      input: { ...input, phone: r.phone, address: r.address },
      bookedBy: { id: caller.id, name: caller.name, role: "staff", community: r.community },
      ...(r.note ? { residentNote: r.note } : {}),
      // A worker registered the resident's number, with the resident's consent.
      phoneProven: true,
    };
  }
  if (input.onBehalfOf !== undefined) throw new Forbidden("只有社区工作者可以代居民预约");
  // Texts go only to a proven phone: the booking is made either way (trust and safety).
  return { user: caller, input, phoneProven: await isProvenFor(caller, input.phone ?? "") };
}

/** A listing that cannot take this join: an earlier join with the same key still answers as it did. */
async function unjoinable(
  user: User,
  key: string | undefined,
  listingId: string,
  listing: ListingItem | null,
): Promise<Booking> {
  const first = key ? await replay(user, key, listingId) : null;
  if (first) return first;
  if (!listing) throw new NotFound("服务");
  if (listing.volunteerId === user.id) throw new Forbidden("不能报名自己发布的服务", "OWN_LISTING");
  throw new Conflict("LISTING_NOT_PUBLISHED", "该服务暂不接受报名");
}

/** Which way the last attempt was refused (a seat: full; a waitlist place: a seat is free). */
type Refused = "seat" | "waitlist";

/** One attempt: the booking it makes, going for a seat or a waitlist place of its seat scope. */
interface Attempt {
  listing: ListingItem;
  session: SessionTimes | undefined;
  scope: string;
  holder: SeatHolder;
  seat: boolean;
  b: BookingItem;
}

/** The next attempt, from the listing's facts and which way the last one was refused. */
function nextAttempt(
  who: Joiner,
  listingId: string,
  facts: Known,
  refused: Refused | undefined,
  now: Date,
): Attempt {
  const { user, input, bookedBy, residentNote, phoneProven } = who;
  const { listing } = facts;
  if (listing.volunteerId === user.id) throw new Forbidden("不能报名自己发布的服务", "OWN_LISTING");
  const session = sessionOf(listing, input, now);
  const scope = keys.seatScope(listingId, session?.id);
  const holder = seatHolder({ listingId, sessionId: session?.id });
  // After a refusal, the other way at once: the estimate counts seat attempts still
  // under way, which a refused waitlist place has just shown cannot all be needed.
  const seat =
    listing.kind === "event" && refused
      ? refused === "waitlist"
      : trySeat(facts, scope, listing.schedule?.capacity ?? listing.capacity);
  const made = newBookingItem(
    user,
    listing,
    input,
    seat ? "requested" : "waitlisted",
    now,
    session,
    phoneProven,
  );
  const b: BookingItem = bookedBy ? { ...made, bookedBy, ...(residentNote ? { residentNote } : {}) } : made;
  return { listing, session, scope, holder, seat, b };
}

/** The transaction's items, in this order: the seat or waitlist place, the booking, the resident's guards, the key. */
function joinItems(a: Attempt, listingId: string, key: string | undefined, now: Date) {
  return [
    a.seat ? takeSeat(a.holder) : joinWaitlist(a.holder),
    ...(a.session ? [listingTakesJoins(listingId)] : []),
    bookingPut(a.b),
    liveGuardPut(a.b),
    ...heldWhileLive(a.b),
    ...(key ? [idempotencyPut(a.b, key, now)] : []),
  ];
}

export async function joinListing(
  caller: User,
  listingId: string,
  asked: BookingInput,
  idempotencyKey?: string,
  now = new Date(),
): Promise<Booking> {
  const key = checkIdempotencyKey(idempotencyKey);
  const who = await bookingFor(caller, asked);
  let facts = await listingFacts(listingId);
  let refused: Refused | undefined;
  for (let attempt = 0; attempt < 40; attempt++) {
    if (!isKnown(facts)) return unjoinable(who.user, key, listingId, facts);
    const a = nextAttempt(who, listingId, facts, refused, now);
    const { listing, session, scope, seat, b } = a;
    const out = await attempting(scope, seat, () => transact(joinItems(a, listingId, key, now)));
    if (out.ok) {
      learn(scope, seat, "taken");
      return view(b, "resident");
    }
    if (key && out.failed.has("idempotency")) {
      const first = await replay(who.user, key, listingId);
      if (first) return first;
    } else if (out.failed.has("liveGuard")) throw alreadyJoined();
    else if (out.failed.has("phoneGuard")) throw phoneTaken();
    else if (out.failed.has("liveCount")) throw tooManyLive();
    else if (out.failed.has("listing")) facts = await listingFacts(listingId, true);
    else if (out.failed.has("seat")) {
      learn(scope, seat, "seatRefused");
      refused = seat ? "seat" : "waitlist";
      // An event full (or free again) since last seen: turn at once, no pause, keeping our place
      // (seats freed and taken again between tries: pause now and then).
      if (listing.kind === "event" && attempt % 4 !== 3) {
        if (attempt >= 8) await pause(attempt);
        continue;
      }
      if (session) await sessionRefusal(listingId, session.id);
      facts = await listingFacts(listingId, true);
      if (
        listing.kind === "on_demand" &&
        isKnown(facts) &&
        facts.listing.seatsTaken >= facts.listing.capacity
      )
        throw new Conflict("LISTING_FULL", "该服务当前预约已满，请稍后再试");
      continue;
    }
    // Another transaction held an item: try again after a short pause.
    await pause(attempt);
  }
  throw new Unavailable(1);
}
