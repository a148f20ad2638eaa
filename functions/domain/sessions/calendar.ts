/**
 * A community's calendar: its sessions and one-off events starting in a range of
 * days (two weeks by default), in time order, with seats from the items that hold
 * them. One Query of the community's calendar partition (gsi1) and one BatchGetItem
 * of the listings it names.
 */

import * as z from "zod/mini";
import { addDays, daysBetween, localDay, zonedInstant } from "../../../shared/clock.ts";
import { keys } from "../../../shared/keys.ts";
import type { CalendarItem, CalendarQuery } from "../../../shared/schemas.ts";
import { queryAll } from "../../lib/query.ts";
import { ValidationFailed } from "../errors.ts";
import { getListingItems } from "../listings/read.ts";
import { SessionItem } from "./item.ts";

export const CALENDAR_DEFAULT_DAYS = 14;
const MAX_DAYS = 62;

const Entry = z.object({ type: z.string(), listingId: z.string() });

export async function communityCalendar(
  q: CalendarQuery,
  now = new Date(),
): Promise<{ from: string; to: string; items: CalendarItem[] }> {
  const from = q.from ?? localDay(now);
  const to = q.to ?? addDays(from, CALENDAR_DEFAULT_DAYS - 1);
  const days = daysBetween(from, to) + 1;
  if (days < 1 || days > MAX_DAYS)
    throw new ValidationFailed(`日期范围须为 1–${MAX_DAYS} 天`, [
      { in: "query", path: "to", message: "范围无效" },
    ]);
  const start = zonedInstant(from).toISOString();
  const end = zonedInstant(addDays(to, 1)).toISOString();
  const rows = await queryAll({
    index: "gsi1",
    pk: keys.calendarPartition(q.community),
    sk: { between: [start, end] },
  });
  const listings = await getListingItems(rows.map((r) => Entry.parse(r).listingId));
  const items: CalendarItem[] = [];
  for (const row of rows) {
    const entry = Entry.parse(row);
    const l = listings.get(entry.listingId);
    if (!l || l.status !== "published") continue;
    const base = {
      listingId: l.id,
      title: l.title,
      category: l.category,
      mode: l.mode,
      volunteerName: l.volunteerName,
    };
    if (entry.type === "session") {
      const s = SessionItem.parse(row);
      if (s.status !== "open") continue;
      items.push({
        ...base,
        sessionId: s.id,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        capacity: s.capacity,
        seatsTaken: s.seatsTaken,
        waitlistCount: s.waitlistCount,
      });
    } else if (l.startsAt) {
      items.push({
        ...base,
        startsAt: l.startsAt,
        ...(l.endsAt ? { endsAt: l.endsAt } : {}),
        capacity: l.capacity,
        seatsTaken: l.seatsTaken,
        waitlistCount: l.waitlistCount,
      });
    }
  }
  items.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.title.localeCompare(b.title, "zh-CN"));
  return { from, to, items };
}
