/**
 * 给家人看: a read-only link to one booking for a family member's phone (the slip's
 * QR code, 我的预约). The link carries a share key of its own, 128 random bits, never
 * the 核销码: the volunteer knows the booking id, and a view keyed by id and code
 * would let them try codes until one opened it, then complete without the resident.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { keys } from "../../../shared/keys.ts";
import {
  type BookingShare,
  committeeOf,
  type SharedBooking,
  sharedBookingPath,
} from "../../../shared/schemas.ts";
import type { User } from "../../lib/auth.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";
import { Conflict, NotFound } from "../errors.ts";
import { committeePhone as phoneOf } from "../staff/committee.ts";
import { toICalendar } from "./calendar.ts";
import { BookingItem } from "./item.ts";
import { bookerBooking, getBookingItem, waitlistPosition } from "./read.ts";

/** A new share key: 128 random bits, base64url (22 characters). */
export const newShareKey = () => randomBytes(16).toString("base64url");

/** `王奶奶` → `王**`: the first character, a star for each of the others (at least one). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  return chars.length === 0 ? "" : `${chars[0]}${"*".repeat(Math.max(1, chars.length - 1))}`;
}

/** POST /api/bookings/{id}/share (its booker): the booking's share key, made on first ask, then the same. */
export async function shareBooking(user: User, bookingId: string): Promise<BookingShare> {
  const b = await bookerBooking(user, bookingId, "只能分享自己预约（或代约）的预约");
  let shareKey = b.shareKey;
  if (!shareKey) {
    try {
      const res = await ddb.send(
        new UpdateCommand({
          TableName: TABLE_NAME,
          Key: keys.booking(b.id),
          UpdateExpression: "SET #k = if_not_exists(#k, :k)",
          ConditionExpression: "attribute_exists(pk)",
          ExpressionAttributeNames: { "#k": "shareKey" },
          ExpressionAttributeValues: { ":k": newShareKey() },
          ReturnValues: "ALL_NEW",
        }),
      );
      shareKey = BookingItem.parse(res.Attributes).shareKey;
    } catch (err) {
      if (err instanceof Error && err.name === "ConditionalCheckFailedException") throw new NotFound("预约");
      throw err;
    }
  }
  if (!shareKey) throw new Error(`booking ${b.id} has no share key after setting one`);
  return { path: sharedBookingPath(b.id, shareKey) };
}

/** DELETE /api/bookings/{id}/share (its booker): the old link stops working; a later share makes a new key. */
export async function unshareBooking(user: User, bookingId: string): Promise<void> {
  const b = await bookerBooking(user, bookingId, "只能停止分享自己预约（或代约）的预约");
  if (b.shareKey) await removeShareKey(b.id);
}

/** The booking's share key removed: its family link opens nothing (unsharing, and erasure). */
export async function removeShareKey(bookingId: string): Promise<void> {
  await ddb.send(
    new UpdateCommand({
      TableName: TABLE_NAME,
      Key: keys.booking(bookingId),
      UpdateExpression: "REMOVE #k",
      // An update never creates the booking it names.
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeNames: { "#k": "shareKey" },
    }),
  );
}

/** GET /api/shared/bookings/{id}/calendar.ics?k= (public): the family's calendar file, nothing private in it. */
export async function sharedCalendar(bookingId: string, key: string | undefined, now = new Date()) {
  const b = await sharedItem(bookingId, key);
  const ics = toICalendar(b, now, "family");
  if (!ics) throw new Conflict("NO_FIXED_TIME", "这项服务没有固定时间，由志愿者和居民约定");
  return ics;
}

/** Whether `given` is the booking's share key, in time that does not depend on where they differ. */
function keyMatches(b: BookingItem, given: string | undefined): boolean {
  if (!b.shareKey || given === undefined) return false;
  const want = Buffer.from(b.shareKey, "utf8");
  const got = Buffer.from(given, "utf8");
  return want.length === got.length && timingSafeEqual(want, got);
}

/** The booking a share link names: one 404 for a wrong, missing or unknown anything. */
async function sharedItem(bookingId: string, key: string | undefined): Promise<BookingItem> {
  const b = await getBookingItem(bookingId);
  if (!b || !keyMatches(b, key)) throw new NotFound("预约");
  return b;
}

/** GET /api/shared/bookings/{id}?k= (public): the limited view; a wrong, missing or unknown anything is one 404. */
export async function sharedBooking(bookingId: string, key: string | undefined): Promise<SharedBooking> {
  const b = await sharedItem(bookingId, key);
  // The 居委会's phone: one GetItem, alongside the waitlist position (when waitlisted).
  const [committeePhone, position] = await Promise.all([
    phoneOf(committeeOf(b)),
    b.status === "waitlisted" ? waitlistPosition(b) : undefined,
  ]);
  return {
    listingId: b.listingId,
    listingTitle: b.listingTitle,
    category: b.category,
    status: b.status,
    ...(b.sessionId ? { sessionId: b.sessionId } : {}),
    ...(b.startsAt ? { startsAt: b.startsAt } : {}),
    ...(b.endsAt ? { endsAt: b.endsAt } : {}),
    preferredTime: b.preferredTime,
    community: b.community,
    volunteerName: b.volunteerName,
    ...(position !== undefined ? { waitlistPosition: position } : {}),
    residentName: maskName(b.residentName),
    ...(committeePhone ? { committeePhone } : {}),
  };
}
