/**
 * A booking's contact (phone, address) and its audit: a volunteer sees it unmasked
 * only once the booking is accepted, and every such sight is recorded — here for
 * the explicit reveal; for accepting and completing (whose answers carry it), the
 * stream projector records it from the transition.
 */
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod/mini";
import { keys } from "../../../shared/keys.ts";
import type { User } from "../../lib/auth.ts";
import { decodeCursor, encodeCursor } from "../../lib/cursor.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";
import { newId } from "../../lib/ids.ts";
import { queryPage } from "../../lib/query.ts";
import { Conflict, NotFound, NotOwner } from "../errors.ts";
import { CONTACT_REVEAL_DAYS } from "../privacy/anonymise.ts";
import type { BookingItem } from "./item.ts";
import { getBookingItem } from "./read.ts";

/** The audit record of `b`'s contact being seen by its volunteer at `at`, through `via`. */
export function contactReadItem(
  b: Pick<BookingItem, "id" | "volunteerId" | "listingId">,
  at: string,
  via: string,
  id = newId("c"),
) {
  return {
    ...keys.contactRead(at, id),
    type: "contactRead",
    id,
    volunteerId: b.volunteerId,
    bookingId: b.id,
    listingId: b.listingId,
    via,
    at,
  };
}

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
  // Retention (issue 19.6): a week after the service the volunteer no longer needs the contact.
  if (
    b.status === "completed" &&
    now.getTime() > Date.parse(b.completedAt ?? b.updatedAt) + CONTACT_REVEAL_DAYS * 86_400_000
  )
    throw new Conflict("CONTACT_NOT_AVAILABLE", `服务完成 ${CONTACT_REVEAL_DAYS} 天后不再显示居民的联系方式`);
  await ddb.send(
    new PutCommand({ TableName: TABLE_NAME, Item: contactReadItem(b, now.toISOString(), "reveal") }),
  );
  return { bookingId: b.id, phone: b.phone, address: b.address };
}

const AUDIT_KEYS = ["pk", "sk"] as const;
const ContactReadItem = z.object({
  id: z.string(),
  volunteerId: z.string(),
  bookingId: z.string(),
  at: z.string(),
  via: z.optional(z.string()),
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
