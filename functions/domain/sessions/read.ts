/** Reading sessions: one by id, and a listing's sessions in a range of days (one Query). */

import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { addDays, daysBetween, localDay } from "../../../shared/clock.ts";
import { keys } from "../../../shared/keys.ts";
import type { Session, SessionsQuery } from "../../../shared/sessions.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";
import { queryAll } from "../../lib/query.ts";
import { ValidationFailed } from "../errors.ts";
import { getPublicListing } from "../listings/read.ts";
import { SessionItem, toSessionView } from "./item.ts";
import { HORIZON_DAYS } from "./schedule.ts";

export async function getSessionItem(listingId: string, sessionId: string): Promise<SessionItem | null> {
  const res = await ddb.send(
    new GetCommand({ TableName: TABLE_NAME, Key: keys.session(listingId, sessionId), ConsistentRead: true }),
  );
  return res.Item ? SessionItem.parse(res.Item) : null;
}

const compact = (day: string) => day.replaceAll("-", "");

/** A listing's sessions from..to (local days, inclusive; default today to the horizon). */
export async function sessionItems(listingId: string, from: string, to: string): Promise<SessionItem[]> {
  const range = keys.sessionRange(`${compact(from)}-0000`, `${compact(to)}-2359`);
  const rows = await queryAll({
    pk: keys.listingPartition(listingId),
    sk: { between: [range.start, range.end] },
  });
  return rows.map((r) => SessionItem.parse(r));
}

/** GET /api/listings/{id}/sessions: a published listing's sessions, upcoming by default. */
export async function listSessions(
  listingId: string,
  q: SessionsQuery,
  now = new Date(),
): Promise<{ items: Session[] }> {
  await getPublicListing(listingId);
  const from = q.from ?? localDay(now);
  const to = q.to ?? addDays(from, HORIZON_DAYS);
  if (to < from)
    throw new ValidationFailed("结束日期不能早于开始日期", [
      { in: "query", path: "to", message: "早于 from" },
    ]);
  if (daysBetween(from, to) > 366)
    throw new ValidationFailed("日期范围最多一年", [{ in: "query", path: "to", message: "范围过大" }]);
  const items = await sessionItems(listingId, from, to);
  return { items: items.map((s) => toSessionView(s, now)) };
}
