/** Reading bookings: one by id, a resident's and a volunteer's pages, waitlist places. */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { keys } from "../../../shared/keys.ts";
import type { Booking, BookingStatus as Status } from "../../../shared/schemas.ts";
import type { User } from "../../lib/auth.ts";
import { decodeCursor, encodeCursor, keyOf } from "../../lib/cursor.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";
import { keyAttributes, queryCount, queryPage } from "../../lib/query.ts";
import { NotFound, NotOwner } from "../errors.ts";
import { auditStaffReads } from "../staff/audit.ts";
import { actsForResident, BookingItem, scopeOf, toBookingView, type Viewer } from "./item.ts";
import { withLateCancels } from "./late-cancels.ts";

export async function getBookingItem(id: string): Promise<BookingItem | null> {
  const res = await ddb.send(
    new GetCommand({ TableName: TABLE_NAME, Key: keys.booking(id), ConsistentRead: true }),
  );
  return res.Item ? BookingItem.parse(res.Item) : null;
}

/** A booking its booker acts on (the calendar file, sharing): 404 if there is none, 403 with `refusal` for anyone else. */
export async function bookerBooking(user: User, id: string, refusal: string): Promise<BookingItem> {
  const b = await getBookingItem(id);
  if (!b) throw new NotFound("预约");
  if (!actsForResident(b, user)) throw new NotOwner(refusal);
  return b;
}

/** 1-based place in the listing's waitlist: arrival order (first come, first served). */
export async function waitlistPosition(b: BookingItem): Promise<number> {
  const ahead = await queryCount({
    index: "gsi3",
    pk: keys.listingBookingsByStatus(scopeOf(b), "waitlisted"),
    sk: { below: `${b.createdAt}#${b.id}` },
  });
  return ahead + 1;
}

/** The booking as `viewer` may see it, with its waitlist place when it waits. */
export async function view(b: BookingItem, viewer: Viewer): Promise<Booking> {
  return toBookingView(b, viewer, b.status === "waitlisted" ? await waitlistPosition(b) : undefined);
}

/** One booking, for its resident (everything) or its volunteer (contact masked: a GET never audits). */
export async function getBooking(user: User, id: string): Promise<Booking> {
  const b = await getBookingItem(id);
  if (!b) throw new NotFound("预约");
  if (user.role === "staff") {
    if (b.bookedBy?.id !== user.id) throw new NotOwner("只能查看自己代约的预约");
    await auditStaffReads(user.id, [{ bookingId: b.id, listingId: b.listingId }], "staff-booking");
    return view(b, "staff");
  }
  if (user.id === b.residentId) return view(b, "resident");
  if (user.id === b.volunteerId) return view(b, "volunteer");
  throw new NotOwner("只能查看自己的预约");
}

/** The first booking on a listing's (or session's) waitlist: the earliest arrival. */
export async function firstWaitlisted(scope: string): Promise<BookingItem | null> {
  const res = await queryPage({
    index: "gsi3",
    pk: keys.listingBookingsByStatus(scope, "waitlisted"),
    limit: 1,
  });
  const row = res.items[0];
  return row ? BookingItem.parse(row) : null;
}

const PAGE = 20;

async function bookingPage(
  index: "gsi1" | "gsi2" | "gsi5",
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

/** Bookings I made for residents (community worker), newest first, with contact and 核销码 (audited). */
export async function staffBookings(user: User, q: { status?: Status; cursor?: string }) {
  const page = await bookingPage("gsi5", keys.staffBookings(user.id), "staff", q.status, q.cursor);
  await auditStaffReads(
    user.id,
    page.items.map((b) => ({ bookingId: b.id, listingId: b.listingId })),
    "staff-booking",
  );
  return page;
}

/** Bookings on my listings (volunteer), newest first, contact masked. */
export async function volunteerBookings(user: User, q: { status?: Status; cursor?: string }) {
  const page = await bookingPage("gsi2", keys.volunteerBookings(user.id), "volunteer", q.status, q.cursor);
  return { ...page, items: await withLateCancels(page.items) };
}
