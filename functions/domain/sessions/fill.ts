/**
 * How full sessions were: once a session has started, its seats taken and its seats
 * are added to the dashboard's day counters of its category and community
 * (`sessionsHeld`, `seatsOffered`, `seatsFilled`: fill rate = filled ÷ offered), in
 * one transaction with a mark on the session, so each session counts exactly once
 * however often the job runs. Cancelled sessions have left the calendar and do not
 * count.
 */
import { localDay } from "../../../shared/clock.ts";
import { keys } from "../../../shared/keys.ts";
import { TABLE_NAME } from "../../lib/db.ts";
import { update, withCondition } from "../../lib/expr.ts";
import { queryAll } from "../../lib/query.ts";
import { getListingItems } from "../listings/read.ts";
import { transact } from "../transact.ts";
import { SessionItem } from "./item.ts";

/** How far back a run looks for sessions that started and were not counted yet. */
const LOOKBACK_MS = 7 * 86_400_000;

export async function countStartedSessions(communities: string[], now = new Date()): Promise<number> {
  let counted = 0;
  for (const community of communities) {
    const rows = await queryAll({
      index: "gsi1",
      pk: keys.calendarPartition(community),
      sk: { between: [new Date(now.getTime() - LOOKBACK_MS).toISOString(), now.toISOString()] },
      where: {
        expression: "#t = :session AND attribute_not_exists(#c)",
        names: { "#t": "type", "#c": "fillCounted" },
        values: { ":session": "session" },
      },
    });
    const sessions = rows.map((r) => SessionItem.parse(r));
    if (sessions.length === 0) continue;
    const listings = await getListingItems(sessions.map((s) => s.listingId));
    for (const s of sessions) {
      const l = listings.get(s.listingId);
      if (!l) continue;
      const day = localDay(new Date(s.startsAt));
      const add = {
        sessionsHeld: 1,
        seatsOffered: s.capacity,
        seatsFilled: Math.min(s.seatsTaken, s.capacity),
      };
      const counter = (dimension: string, value: string) => ({
        tag: `stats:${dimension}`,
        Update: {
          TableName: TABLE_NAME,
          Key: keys.statsDay(dimension, day, value),
          ...update({ set: { day, value }, add }),
        },
      });
      const out = await transact([
        {
          tag: "session",
          Update: {
            TableName: TABLE_NAME,
            Key: keys.session(s.listingId, s.id),
            ...withCondition(
              update({ set: { fillCounted: true } }),
              "attribute_not_exists(#c) AND #st = :open",
              {
                "#c": "fillCounted",
                "#st": "status",
              },
              { ":open": "open" },
            ),
          },
        },
        counter("category", l.category),
        counter("community", l.community),
      ]);
      if (out.ok) counted++;
    }
  }
  return counted;
}
