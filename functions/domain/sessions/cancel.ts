/**
 * The volunteer cancels one session, with a reason: the session closes (no more
 * joins, off the calendar) and every live booking of it ends as cancelled by the
 * volunteer — waitlisted ones first, so no seat is handed to someone whose session
 * is gone. The residents are told through the stream, like every other transition.
 */
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { keys } from "../../../shared/keys.ts";
import type { Session } from "../../../shared/sessions.ts";
import type { User } from "../../lib/auth.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";
import { update, withCondition } from "../../lib/expr.ts";
import { queryAll } from "../../lib/query.ts";
import { transition } from "../bookings/transition.ts";
import { Conflict, InvalidTransition, NotFound, NotOwner } from "../errors.ts";
import { getListingItem } from "../listings/read.ts";
import { type SessionItem, toSessionView } from "./item.ts";
import { getSessionItem } from "./read.ts";

/** The ids of a session's bookings in `status`, in arrival order. */
async function bookingsOf(listingId: string, sessionId: string, status: string): Promise<string[]> {
  const rows = await queryAll({
    index: "gsi3",
    pk: keys.listingBookingsByStatus(keys.seatScope(listingId, sessionId), status),
  });
  return rows.map((r) => String(r.id));
}

export async function cancelSession(
  user: User,
  listingId: string,
  sessionId: string,
  reason: string,
  now = new Date(),
): Promise<Session> {
  const listing = await getListingItem(listingId, true);
  if (!listing) throw new NotFound("服务");
  if (listing.volunteerId !== user.id) throw new NotOwner("只能取消自己服务的场次");
  const s = await getSessionItem(listingId, sessionId);
  if (!s) throw new NotFound("场次");
  if (s.status === "cancelled") throw new Conflict("SESSION_CANCELLED", "这个场次已经取消了");
  if (Date.parse(s.startsAt) <= now.getTime())
    throw new Conflict("SESSION_PAST", "已经开始或结束的场次不能取消");
  const iso = now.toISOString();
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: keys.session(listingId, sessionId),
        ...withCondition(
          update({
            set: { status: "cancelled", cancelReason: reason, cancelledAt: iso },
            remove: Object.keys(keys.calendarIndexes(s)),
          }),
          "#st = :open",
          { "#st": "status" },
          { ":open": "open" },
        ),
      }),
    );
  } catch (err) {
    if (err instanceof Error && err.name === "ConditionalCheckFailedException")
      throw new Conflict("SESSION_CANCELLED", "这个场次已经取消了");
    throw err;
  }
  for (const status of ["waitlisted", "requested", "accepted"]) {
    for (const id of await bookingsOf(listingId, sessionId, status)) {
      try {
        await transition(user, id, { action: "withdraw", reason }, now);
      } catch (err) {
        // Moved on meanwhile (the resident cancelled, say): nothing left to end.
        if (!(err instanceof InvalidTransition)) throw err;
      }
    }
  }
  const closed: SessionItem = { ...s, status: "cancelled", cancelReason: reason, cancelledAt: iso };
  return toSessionView((await getSessionItem(listingId, sessionId)) ?? closed, now);
}
