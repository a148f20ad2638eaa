/**
 * Bookings: joining a listing (加入该项目) and every transition after it, each one
 * TransactWriteItems that moves the booking, the listing's seat counters, the
 * resident's live guard, the waitlist promotion, hours and rankings, the other
 * side's notification and the dashboard counters together. Rules are in
 * booking-rules.ts; this file is the repository and the use cases.
 */
import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import { keys } from "../../shared/keys.ts";
import type {
  Booking,
  BookingInput,
  Listing,
  ListingPatch,
  BookingStatus as Status,
} from "../../shared/schemas.ts";
import { BookingStatus, CategorySchema, Kind } from "../../shared/schemas.ts";
import type { User } from "../lib/auth.ts";
import { decodeCursor, encodeCursor, keyOf } from "../lib/cursor.ts";
import { ddb, TABLE_NAME } from "../lib/db.ts";
import { update } from "../lib/expr.ts";
import { keyAttributes, queryCount, queryPage } from "../lib/query.ts";
import {
  ACTION_LABEL,
  type Action,
  canTransition,
  completionCode,
  counterChange,
  DEFAULT_CONFIRM_HOURS,
  EXPIRE_AFTER_MS,
  isLive,
  MAX_CODE_FAILURES,
  maskAddress,
  maskPhone,
  type NoticeType,
  TRANSITIONS,
} from "./booking-rules.ts";
import { Conflict, Forbidden, InvalidTransition, NotFound, NotOwner, ValidationFailed } from "./errors.ts";
import {
  getListingItem,
  type ListingItem,
  newId,
  patchListing,
  seatUpdate,
  toView,
  versionedUpdate,
} from "./listings.ts";
import { type Notice, noticePut } from "./notifications.ts";
import { hoursUpdates } from "./rankings.ts";
import { type StatEvent, type StatFact, statsUpdates } from "./stats.ts";
import { RETRY, type TransactItem, transactOnce, withRetries } from "./transact.ts";

/** A booking as stored. */
export const BookingItem = z.object({
  id: z.string(),
  listingId: z.string(),
  listingTitle: z.string(),
  category: CategorySchema,
  community: z.string(),
  branch: z.string().default(""),
  kind: Kind,
  residentId: z.string(),
  residentName: z.string(),
  volunteerId: z.string(),
  volunteerName: z.string(),
  status: BookingStatus,
  note: z.string().default(""),
  phone: z.string(),
  address: z.string().default(""),
  preferredTime: z.string().default(""),
  completionCode: z.string(),
  codeFailures: z.number().default(0),
  hours: z.number().optional(),
  createdAt: z.string(),
  openedAt: z.string(),
  acceptedAt: z.string().optional(),
  completedAt: z.string().optional(),
  completedBy: z.enum(["volunteer", "resident"]).optional(),
  cancelledAt: z.string().optional(),
  declinedAt: z.string().optional(),
  declineReason: z.string().optional(),
  expiredAt: z.string().optional(),
  promotedAt: z.string().optional(),
  reviewId: z.string().optional(),
  updatedAt: z.string(),
});
export type BookingItem = z.infer<typeof BookingItem>;

// ---------- views ----------

/** Who is looking: the resident sees all; the volunteer unmasked only where it is audited. */
export type Viewer = "resident" | "volunteer" | "volunteer-unmasked";

export function toBookingView(b: BookingItem, viewer: Viewer, waitlistPosition?: number): Booking {
  const open = viewer === "resident" || viewer === "volunteer-unmasked";
  return {
    id: b.id,
    listingId: b.listingId,
    listingTitle: b.listingTitle,
    residentId: b.residentId,
    residentName: b.residentName,
    volunteerId: b.volunteerId,
    status: b.status,
    ...(waitlistPosition !== undefined ? { waitlistPosition } : {}),
    note: b.note,
    phone: open ? b.phone : maskPhone(b.phone),
    address: open ? b.address : maskAddress(b.address),
    preferredTime: b.preferredTime,
    ...(b.hours !== undefined ? { hours: b.hours } : {}),
    createdAt: b.createdAt,
    ...pick(b, ["acceptedAt", "completedAt", "cancelledAt", "declinedAt", "expiredAt", "promotedAt"]),
    ...(b.declineReason ? { declineReason: b.declineReason } : {}),
    ...(viewer === "resident" ? { completionCode: b.completionCode } : {}),
    ...(b.status === "completed" ? { reviewed: b.reviewId !== undefined } : {}),
  };
}

function pick<K extends keyof BookingItem>(b: BookingItem, ks: K[]): Partial<Pick<BookingItem, K>> {
  const out: Partial<Pick<BookingItem, K>> = {};
  for (const k of ks) if (b[k] !== undefined) out[k] = b[k];
  return out;
}

// ---------- reads ----------

export async function getBookingItem(id: string): Promise<BookingItem | null> {
  const res = await ddb.send(
    new GetCommand({ TableName: TABLE_NAME, Key: keys.booking(id), ConsistentRead: true }),
  );
  return res.Item ? BookingItem.parse(res.Item) : null;
}

/** 1-based place in the listing's waitlist (first come, first served). */
export async function waitlistPosition(b: BookingItem): Promise<number> {
  const ahead = await queryCount({
    index: "gsi3",
    pk: keys.listingBookingsByStatus(b.listingId, "waitlisted"),
    sk: { below: `${b.createdAt}#${b.id}` },
  });
  return ahead + 1;
}

async function view(b: BookingItem, viewer: Viewer): Promise<Booking> {
  return toBookingView(b, viewer, b.status === "waitlisted" ? await waitlistPosition(b) : undefined);
}

/** One booking, for its resident (everything) or its volunteer (contact masked: a GET never audits). */
export async function getBooking(user: User, id: string): Promise<Booking> {
  const b = await getBookingItem(id);
  if (!b) throw new NotFound("预约");
  if (user.id === b.residentId) return view(b, "resident");
  if (user.id === b.volunteerId) return view(b, "volunteer");
  throw new NotOwner("只能查看自己的预约");
}

const PAGE = 20;

async function bookingPage(
  index: "gsi1" | "gsi2",
  pk: string,
  viewer: Viewer,
  status: Status | undefined,
  cursor: string | undefined,
): Promise<{ items: Booking[]; nextCursor: string | null }> {
  const keyAttrs = keyAttributes(index);
  // A status filter drops rows after the read: read on (at most 10 requests) until a page is full.
  const rows: Record<string, unknown>[] = [];
  let start = decodeCursor(cursor, keyAttrs);
  for (let reads = 0; reads < (status ? 10 : 1); reads++) {
    const res = await queryPage({
      index,
      pk,
      ...(status ? { equals: { status } } : {}),
      newestFirst: true,
      limit: status ? 100 : PAGE + 1,
      ...(start ? { start } : {}),
    });
    rows.push(...res.items);
    start = res.lastKey as typeof start;
    if (!start || rows.length > PAGE) break;
  }
  const page = rows.slice(0, PAGE);
  const last = page.at(-1);
  const nextCursor = rows.length > PAGE && last ? encodeCursor(keyOf(last, keyAttrs)) : encodeCursor(start);
  const items = await Promise.all(page.map((r) => view(BookingItem.parse(r), viewer)));
  return { items, nextCursor };
}

/** My bookings (resident), newest first, with the 核销码. */
export const myBookings = (user: User, q: { status?: Status; cursor?: string }) =>
  bookingPage("gsi1", keys.residentBookings(user.id), "resident", q.status, q.cursor);

/** Bookings on my listings (volunteer), newest first, contact masked. */
export const volunteerBookings = (user: User, q: { status?: Status; cursor?: string }) =>
  bookingPage("gsi2", keys.volunteerBookings(user.id), "volunteer", q.status, q.cursor);

// ---------- building blocks of the transactions ----------

function stats(b: BookingItem, event: StatEvent, at: Date, extra: Partial<StatFact> = {}) {
  return statsUpdates({
    event,
    at,
    category: b.category,
    community: b.community,
    branch: b.branch,
    listingId: b.listingId,
    listingTitle: b.listingTitle,
    ...extra,
  });
}

function notice(b: BookingItem, to: "resident" | "volunteer", type: NoticeType, at: Date, extra = {}) {
  const n: Notice = {
    to: { id: to === "resident" ? b.residentId : b.volunteerId, role: to },
    type,
    bookingId: b.id,
    facts: { title: b.listingTitle, residentName: b.residentName, volunteerName: b.volunteerName, ...extra },
    at,
  };
  return noticePut(n);
}

/** An audit record of a volunteer seeing a booking's unmasked contact. */
export function contactReadPut(b: BookingItem, at: Date, via: string): TransactItem {
  const iso = at.toISOString();
  const id = newId("c");
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: {
        ...keys.contactRead(iso, id),
        type: "contactRead",
        id,
        volunteerId: b.volunteerId,
        bookingId: b.id,
        listingId: b.listingId,
        via,
        at: iso,
      },
    },
  };
}

const GSI_ATTRS = ["gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk", "gsi3pk", "gsi3sk", "gsi4pk", "gsi4sk"];

/** The conditional Update moving a booking from the status read to `next`. */
function bookingUpdate(before: BookingItem, next: BookingItem, extraCondition = "", extraValues = {}) {
  const idx = keys.bookingIndexes(next);
  const set: Record<string, unknown> = { ...idx };
  for (const [k, v] of Object.entries(next)) {
    if ((before as Record<string, unknown>)[k] !== v) set[k] = v;
  }
  const parts = update({ set, remove: GSI_ATTRS.filter((a) => !(a in idx)) });
  return {
    Update: {
      TableName: TABLE_NAME,
      Key: keys.booking(before.id),
      ...parts,
      ConditionExpression: `#status = :from${extraCondition}`,
      ExpressionAttributeNames: { ...parts.ExpressionAttributeNames, "#status": "status" },
      ExpressionAttributeValues: {
        ...parts.ExpressionAttributeValues,
        ":from": before.status,
        ...extraValues,
      },
    },
  };
}

/** The first booking on a listing's waitlist (oldest first). */
async function firstWaitlisted(listingId: string): Promise<BookingItem | null> {
  const res = await queryPage({
    index: "gsi3",
    pk: keys.listingBookingsByStatus(listingId, "waitlisted"),
    limit: 1,
  });
  const row = res.items[0];
  return row ? BookingItem.parse(row) : null;
}

/**
 * The listing side of a seat freed on an event: the first waitlisted booking takes
 * it (seats unchanged, waitlist −1), or, if nobody waits, the seat is released on
 * the condition that the waitlist really is empty (an index that lags re-reads).
 */
async function freeSeat(b: BookingItem, at: Date): Promise<TransactItem[]> {
  const next = b.kind === "event" ? await firstWaitlisted(b.listingId) : null;
  if (!next) {
    const u = seatUpdate(b.listingId, { seats: -1 });
    return [
      {
        Update: {
          ...u,
          ConditionExpression: "attribute_not_exists(#wl) OR #wl <= :zero",
          ExpressionAttributeNames: { ...u.ExpressionAttributeNames, "#wl": "waitlistCount" },
          ExpressionAttributeValues: { ...u.ExpressionAttributeValues, ":zero": 0 },
        },
      },
    ];
  }
  return [{ Update: seatUpdate(b.listingId, { waitlist: -1 }) }, ...promotion(next, at)];
}

/** The booking side of a waitlisted booking taking a seat: its request opens now, both sides hear of it. */
function promotion(next: BookingItem, at: Date): TransactItem[] {
  const iso = at.toISOString();
  const promoted: BookingItem = {
    ...next,
    status: "requested",
    openedAt: iso,
    promotedAt: iso,
    updatedAt: iso,
  };
  return [
    bookingUpdate(next, promoted),
    notice(promoted, "resident", "promoted", at),
    notice(promoted, "volunteer", "requested", at),
    ...stats(promoted, "promoted", at, { from: "waitlisted" }),
  ];
}

/**
 * When an edit raises an event's capacity, the waitlist moves up into the new
 * seats, oldest first, one transaction each, each taking a seat only on the
 * condition that one is free. Returns how many moved up.
 */
export async function promoteIntoFreeSeats(listingId: string, now = new Date()): Promise<number> {
  let moved = 0;
  for (;;) {
    const movedOne = await withRetries(async () => {
      const listing = await getListingItem(listingId, true);
      if (!listing || listing.kind !== "event") return false;
      if (listing.seatsTaken >= listing.capacity || listing.waitlistCount <= 0) return false;
      const next = await firstWaitlisted(listingId);
      if (!next) return false;
      const seat = seatUpdate(listingId, { seats: 1, waitlist: -1 });
      const outcome = await transactOnce([
        {
          Update: {
            ...seat,
            ConditionExpression: "#seats < #capacity",
            ExpressionAttributeNames: {
              ...seat.ExpressionAttributeNames,
              "#seats": "seatsTaken",
              "#capacity": "capacity",
            },
          },
        },
        ...promotion(next, now),
      ]);
      return outcome.ok ? true : RETRY;
    });
    if (!movedOne) return moved;
    moved++;
  }
}

/** A volunteer's edit of their listing, and the waitlist moving up if it made room. */
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

// ---------- join ----------

const IdempotencyRecord = z.object({ bookingId: z.string(), listingId: z.string() });
const IDEMPOTENCY_TTL_S = 24 * 3600;

export function checkIdempotencyKey(key: string | undefined): string | undefined {
  if (key === undefined || key === "") return undefined;
  if (!/^[A-Za-z0-9_.:-]{1,100}$/.test(key)) {
    throw new ValidationFailed("Idempotency-Key 须为 1–100 个字母、数字或 _.:-", [
      { in: "header", path: "idempotency-key", message: "invalid" },
    ]);
  }
  return key;
}

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

export function newBookingItem(
  user: User,
  listing: ListingItem,
  input: BookingInput,
  status: "requested" | "waitlisted",
  now: Date,
): BookingItem {
  const at = now.toISOString();
  return {
    id: newId("b"),
    listingId: listing.id,
    listingTitle: listing.title,
    category: listing.category,
    community: listing.community,
    branch: listing.volunteerBranch,
    kind: listing.kind,
    residentId: user.id,
    residentName: user.name,
    volunteerId: listing.volunteerId,
    volunteerName: listing.volunteerName,
    status,
    note: input.note ?? "",
    phone: input.phone,
    address: input.address ?? "",
    preferredTime: input.preferredTime ?? "",
    completionCode: completionCode(),
    codeFailures: 0,
    createdAt: at,
    openedAt: at,
    updatedAt: at,
  };
}

/**
 * 加入该项目: a seat (or a waitlist place on a full event) and the booking in one
 * transaction, guarded by the listing's counters, the resident's live guard and
 * the idempotency record, which is written in the same transaction.
 */
export async function joinListing(
  user: User,
  listingId: string,
  input: BookingInput,
  idempotencyKey?: string,
  now = new Date(),
): Promise<Booking> {
  const key = checkIdempotencyKey(idempotencyKey);
  if (key) {
    const first = await replay(user, key, listingId);
    if (first) return first;
  }
  return withRetries(async () => {
    const listing = await getListingItem(listingId, true);
    if (!listing) throw new NotFound("服务");
    if (listing.volunteerId === user.id) throw new Forbidden("不能报名自己发布的服务", "OWN_LISTING");
    if (listing.status !== "published") throw new Conflict("LISTING_NOT_PUBLISHED", "该服务暂不接受报名");
    const seat = listing.seatsTaken < listing.capacity;
    if (!seat && listing.kind === "on_demand")
      throw new Conflict("LISTING_FULL", "该服务当前预约已满，请稍后再试");
    const b = newBookingItem(user, listing, input, seat ? "requested" : "waitlisted", now);
    const counters = seatUpdate(listingId, seat ? { seats: 1 } : { waitlist: 1 });
    const items: TransactItem[] = [
      {
        Update: {
          ...counters,
          ConditionExpression: `#lstatus = :published AND ${
            seat
              ? "(attribute_not_exists(#seats) OR #seats < #capacity)"
              : "attribute_exists(#seats) AND #seats >= #capacity"
          }`,
          ExpressionAttributeNames: {
            ...counters.ExpressionAttributeNames,
            "#lstatus": "status",
            "#seats": "seatsTaken",
            "#capacity": "capacity",
          },
          ExpressionAttributeValues: { ...counters.ExpressionAttributeValues, ":published": "published" },
        },
      },
      {
        Put: {
          TableName: TABLE_NAME,
          Item: { ...keys.booking(b.id), type: "booking", ...b, ...keys.bookingIndexes(b) },
          ConditionExpression: "attribute_not_exists(pk)",
        },
      },
      {
        Put: {
          TableName: TABLE_NAME,
          Item: { ...keys.liveGuard(listingId, user.id), type: "liveGuard", bookingId: b.id },
          ConditionExpression: "attribute_not_exists(pk)",
        },
      },
      ...(key
        ? [
            {
              Put: {
                TableName: TABLE_NAME,
                Item: {
                  ...keys.idempotency(user.id, key),
                  type: "idempotency",
                  bookingId: b.id,
                  listingId,
                  ttl: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_S,
                },
                ConditionExpression: "attribute_not_exists(pk)",
              },
            },
          ]
        : []),
      notice(b, "volunteer", seat ? "requested" : "waitlisted", now),
      ...stats(b, seat ? "requested" : "waitlisted", now),
    ];
    const result = await transactOnce(items);
    if (result.ok) return view(b, "resident");
    if (key && result.failed.has(3)) return (await replay(user, key, listingId)) ?? RETRY;
    if (result.failed.has(2)) throw new Conflict("ALREADY_JOINED", "您已报名该服务，请在“我的预约”中查看");
    return RETRY;
  });
}

// ---------- transitions ----------

export type TransitionInput =
  | { action: "accept" }
  | { action: "decline"; reason: string }
  | { action: "complete"; hours: number; code: string }
  | { action: "confirm"; hours?: number }
  | { action: "cancel" }
  | { action: "expire" };

/** Who is acting: a signed-in user, or the scheduled job. */
export type ActingAs = User | "system";

function checkActor(b: BookingItem, action: Action, by: ActingAs) {
  const actor = TRANSITIONS[action].actor;
  if (actor === "system") {
    if (by !== "system") throw new Forbidden();
    return;
  }
  if (by === "system") return;
  if (actor === "volunteer" && (by.role !== "volunteer" || by.id !== b.volunteerId))
    throw new NotOwner("只能处理自己服务的预约");
  if (actor === "resident" && (by.role !== "resident" || by.id !== b.residentId))
    throw new NotOwner("只能处理自己的预约");
}

/**
 * A wrong 核销码 counts (bounded by the lock), then answers 409. The wrong code that
 * locks completion also tells the resident, in the same transaction, that only
 * their confirmation can complete it now.
 */
async function countWrongCode(b: BookingItem, now: Date): Promise<never> {
  if (b.codeFailures + 1 >= MAX_CODE_FAILURES) {
    const result = await transactOnce([
      {
        Update: {
          TableName: TABLE_NAME,
          Key: keys.booking(b.id),
          UpdateExpression: "ADD #f :one",
          ConditionExpression:
            "#status = :accepted AND (#f = :read OR (attribute_not_exists(#f) AND :read = :zero))",
          ExpressionAttributeNames: { "#f": "codeFailures", "#status": "status" },
          ExpressionAttributeValues: {
            ":one": 1,
            ":accepted": "accepted",
            ":read": b.codeFailures,
            ":zero": 0,
          },
        },
      },
      notice(b, "resident", "locked", now),
    ]);
    if (!result.ok) {
      const fresh = await getBookingItem(b.id);
      if (fresh && fresh.status !== "accepted")
        throw new InvalidTransition(fresh.status, ACTION_LABEL.complete);
    }
    throw locked();
  }
  try {
    const res = await ddb.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: keys.booking(b.id),
        UpdateExpression: "ADD #f :one",
        ConditionExpression: "#status = :accepted AND (attribute_not_exists(#f) OR #f < :max)",
        ExpressionAttributeNames: { "#f": "codeFailures", "#status": "status" },
        ExpressionAttributeValues: { ":one": 1, ":accepted": "accepted", ":max": MAX_CODE_FAILURES },
        ReturnValues: "UPDATED_NEW",
      }),
    );
    const failures = Number(res.Attributes?.codeFailures ?? MAX_CODE_FAILURES);
    const left = MAX_CODE_FAILURES - failures;
    if (left <= 0) throw locked();
    throw new Conflict("COMPLETION_CODE_MISMATCH", `核销码不正确，还可以再试 ${left} 次`, [
      { attemptsLeft: left },
    ]);
  } catch (err) {
    if ((err as Error).name === "ConditionalCheckFailedException") {
      const now = await getBookingItem(b.id);
      if (now && now.status !== "accepted") throw new InvalidTransition(now.status, ACTION_LABEL.complete);
      throw locked();
    }
    throw err;
  }
}

const locked = () =>
  new Conflict(
    "COMPLETION_LOCKED",
    `核销码已连续输错 ${MAX_CODE_FAILURES} 次，请由居民在“我的预约”中确认服务完成`,
  );

/**
 * Move a booking by `input.action`, as `by`. One transaction: the booking (on the
 * condition it is still in the status read), counters, promotion, guard, hours,
 * notifications, stats. Returns the booking as the actor may see it.
 */
export async function transition(
  by: ActingAs,
  bookingId: string,
  input: TransitionInput,
  now = new Date(),
): Promise<Booking> {
  const action = input.action;
  return withRetries(async () => {
    const b = await getBookingItem(bookingId);
    if (!b) throw new NotFound("预约");
    checkActor(b, action, by);
    if (!canTransition(b.status, action)) throw new InvalidTransition(b.status, ACTION_LABEL[action]);
    const iso = now.toISOString();
    const to = TRANSITIONS[action].to;
    const next: BookingItem = { ...b, status: to, updatedAt: iso };
    let condition = "";
    let condValues: Record<string, unknown> = {};
    const items: TransactItem[] = [];
    let viewer: Viewer = by === "system" || by.role === "volunteer" ? "volunteer" : "resident";

    switch (input.action) {
      case "accept":
        next.acceptedAt = iso;
        items.push(notice(next, "resident", "accepted", now));
        items.push(contactReadPut(b, now, "accept"), ...acceptStats(b, now));
        viewer = "volunteer-unmasked";
        break;
      case "decline":
        next.declinedAt = iso;
        next.declineReason = input.reason;
        items.push(notice(next, "resident", "declined", now, { reason: input.reason }));
        items.push(...stats(b, "declined", now, { from: b.status }));
        break;
      case "cancel":
        next.cancelledAt = iso;
        items.push(notice(next, "volunteer", "cancelled", now));
        items.push(...stats(b, "cancelled", now, { from: b.status }));
        break;
      case "expire":
        next.expiredAt = iso;
        items.push(notice(next, "resident", "expired", now), notice(next, "volunteer", "expired", now));
        items.push(...stats(b, "expired", now, { from: b.status }));
        break;
      case "complete":
      case "confirm": {
        if (input.action === "complete") {
          if (b.codeFailures >= MAX_CODE_FAILURES) throw locked();
          if (input.code !== b.completionCode) return countWrongCode(b, now);
          condition = " AND #code = :code AND (attribute_not_exists(#f) OR #f < :max)";
          condValues = { ":code": input.code, ":max": MAX_CODE_FAILURES };
          viewer = "volunteer-unmasked";
          items.push(contactReadPut(b, now, "complete"));
        }
        const hours = input.action === "complete" ? input.hours : (input.hours ?? DEFAULT_CONFIRM_HOURS);
        next.hours = hours;
        next.completedAt = iso;
        next.completedBy = input.action === "complete" ? "volunteer" : "resident";
        items.push(...(await completionItems(b, hours, now)));
        items.push(
          input.action === "complete"
            ? notice(next, "resident", "completed", now)
            : notice(next, "volunteer", "confirmed", now, { hours }),
        );
        items.push(...stats(b, "completed", now, { from: b.status, hours }));
        break;
      }
    }

    const change = counterChange(b.kind, b.status, to);
    if (change.waitlist !== 0) items.push({ Update: seatUpdate(b.listingId, { waitlist: change.waitlist }) });
    if (change.seats < 0 && input.action !== "complete" && input.action !== "confirm")
      items.push(...(await freeSeat(b, now)));
    if (!isLive(to))
      items.push({ Delete: { TableName: TABLE_NAME, Key: keys.liveGuard(b.listingId, b.residentId) } });

    const names = condition ? { "#code": "completionCode", "#f": "codeFailures" } : {};
    const first = bookingUpdate(b, next, condition, condValues);
    Object.assign(first.Update.ExpressionAttributeNames, names);
    const result = await transactOnce([first, ...items]);
    if (!result.ok) return RETRY;
    return view(next, viewer);
  });
}

function acceptStats(b: BookingItem, now: Date) {
  const hoursToAccept = Math.max(0, (now.getTime() - Date.parse(b.openedAt)) / 3_600_000);
  return stats(b, "accepted", now, { from: b.status, hoursToAccept });
}

/**
 * Completion's extra writes: the listing's completedCount (a catalogue sort key, so
 * a versioned update; an on-demand slot is freed in the same write) and the hours
 * on the volunteer's and branch's ranking entries.
 */
async function completionItems(b: BookingItem, hours: number, now: Date): Promise<TransactItem[]> {
  const listing = await getListingItem(b.listingId, true);
  if (!listing) throw new NotFound("服务");
  const next: ListingItem = { ...listing, completedCount: listing.completedCount + 1 };
  const seats = counterChange(b.kind, b.status, "completed").seats;
  return [
    { Update: versionedUpdate(listing, next, seats ? { seatsTaken: seats } : {}) },
    ...(await hoursUpdates({
      volunteerId: b.volunteerId,
      volunteerName: b.volunteerName,
      branch: b.branch,
      hours,
      at: now,
    })),
  ];
}

// ---------- contact reveal and its audit ----------

/** A volunteer reveals an accepted booking's contact; every reveal is recorded. */
export async function revealContact(
  user: User,
  bookingId: string,
  now = new Date(),
): Promise<{ bookingId: string; phone: string; address: string }> {
  const b = await getBookingItem(bookingId);
  if (!b) throw new NotFound("预约");
  if (b.volunteerId !== user.id) throw new NotOwner("只能查看自己服务的预约");
  if (b.status !== "accepted" && b.status !== "completed")
    throw new Conflict("CONTACT_NOT_AVAILABLE", "接受预约后才能查看居民的联系方式");
  const put = contactReadPut(b, now, "reveal").Put as ConstructorParameters<typeof PutCommand>[0];
  await ddb.send(new PutCommand(put));
  return { bookingId: b.id, phone: b.phone, address: b.address };
}

const AUDIT_KEYS = ["pk", "sk"] as const;
const ContactReadItem = z.object({
  id: z.string(),
  volunteerId: z.string(),
  bookingId: z.string(),
  at: z.string(),
  via: z.string().optional(),
});

/** The audit of contact reveals, newest first (admin). */
export async function contactReads(cursor?: string) {
  const start = decodeCursor(cursor, AUDIT_KEYS);
  const res = await queryPage({
    pk: keys.contactReadPartition(),
    newestFirst: true,
    limit: 50,
    ...(start ? { start } : {}),
  });
  return { items: res.items.map((r) => ContactReadItem.parse(r)), nextCursor: encodeCursor(res.lastKey) };
}

// ---------- expiry ----------

/**
 * Expire requests unanswered for 48 h, oldest first: one Query page at a time on
 * the open-requests index, each expiry its own transaction (freeing the seat and
 * promoting). A request answered meanwhile is skipped.
 */
export async function expireOpenRequests(now = new Date()): Promise<{ expired: number }> {
  const cutoff = new Date(now.getTime() - EXPIRE_AFTER_MS).toISOString();
  let expired = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const res = await queryPage({
      index: "gsi4",
      pk: keys.openRequests(),
      sk: { below: cutoff },
      limit: 50,
      ...(start ? { start } : {}),
    });
    for (const row of res.items) {
      try {
        await transition("system", String(row.id), { action: "expire" }, now);
        expired++;
      } catch (err) {
        if (!(err instanceof InvalidTransition)) throw err;
      }
    }
    start = res.lastKey;
  } while (start);
  return { expired };
}
