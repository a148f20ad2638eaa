/**
 * Hours that cannot be farmed (issue 19.5, issue 20.2): when a booking may be
 * completed or confirmed, how many hours it may record, and the daily cap of hours
 * per volunteer, checked in the completing transaction itself.
 *
 * - **From its start.** A booking with a time (an event, a session) is served from
 *   its start on, not before; an on-demand booking from its acceptance (the
 *   transition already requires `accepted`).
 * - **Bounded by its length.** An event or session records at most its length
 *   (end − start, up to the next half hour); an event with no end time at most
 *   EVENT_WITHOUT_END_HOURS. An on-demand visit has no fixed length (a haircut, or a
 *   day at the hospital with a 陪诊), so it keeps the API's 12 h bound per booking,
 *   and the daily cap below is what bounds farming with it.
 * - **A daily cap per volunteer**, DAILY_HOURS_CAP (12 h: nobody serves longer in
 *   a day). What is counted is the hours of every completion on the volunteer's
 *   local day (the dashboard and the rankings count them on the
 *   same day, from the stream). The projection lags and two completions may race,
 *   so the cap is not read from it: each completion adds its hours to one small
 *   ledger item per volunteer and day, in the same transaction, on the condition the
 *   sum stays within DAILY_HOURS_CAP. The item expires (TTL) two days later.
 *   An event's or session's attendees are served at once: its hours count toward
 *   the cap once, however many attendees' bookings are completed (a marker per
 *   volunteer, day and seat scope, put with the first, on the condition it is new).
 */

import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { localDay } from "../../../shared/clock.ts";
import { keys } from "../../../shared/keys.ts";
import { MAX_BOOKING_HOURS, maxHours, servedFrom } from "../../../shared/served.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";
import { Conflict } from "../errors.ts";
import type { TaggedItem } from "../transact.ts";
import { type BookingItem, scopeOf } from "./item.ts";

/** The most hours a volunteer may record on one day, all bookings together: one booking's most. */
export const DAILY_HOURS_CAP = MAX_BOOKING_HOURS;
const LEDGER_TTL_S = 2 * 86_400;

/** Refuse a completion before the service's time, or with more hours than it lasted. */
export function checkServed(b: BookingItem, hours: number, now: Date): void {
  const from = servedFrom(b);
  if (now.getTime() < from)
    throw new Conflict(
      "NOT_STARTED_YET",
      b.startsAt ? "服务还没开始，到了服务时间才能完成或确认" : undefined,
      [{ startsAt: new Date(from).toISOString() }],
    );
  const max = maxHours(b);
  if (hours > max)
    throw new Conflict("HOURS_OVER_DURATION", `这项服务最多记录 ${max} 小时`, [{ maxHours: max }]);
}

/** The hours recorded when the resident confirms without saying: 1, or less for a shorter service. */
export const confirmHours = (b: BookingItem, asked: number | undefined, fallback: number) =>
  asked ?? Math.min(fallback, maxHours(b));

/** The volunteer's ledger of the day's hours, on the condition the day stays within the cap. */
export function dailyHoursAdd(b: BookingItem, hours: number, now: Date): TaggedItem<"dailyHours"> {
  return {
    tag: "dailyHours",
    Update: {
      TableName: TABLE_NAME,
      Key: keys.volunteerHoursDay(b.volunteerId, localDay(now)),
      UpdateExpression: "ADD #hours :h SET #type = :type, #ttl = :ttl",
      ConditionExpression: "(attribute_not_exists(#hours) AND :h <= :cap) OR #hours <= :room",
      ExpressionAttributeNames: { "#hours": "hours", "#type": "type", "#ttl": "ttl" },
      ExpressionAttributeValues: {
        ":h": hours,
        ":room": DAILY_HOURS_CAP - hours,
        ":cap": DAILY_HOURS_CAP,
        ":type": "hoursLedger",
        ":ttl": Math.floor(now.getTime() / 1000) + LEDGER_TTL_S,
      },
    },
  };
}

export const dailyCapReached = () =>
  new Conflict(
    "DAILY_HOURS_CAP",
    `今天已记录的服务时长加上这次会超过每天 ${DAILY_HOURS_CAP} 小时，请核对时长`,
    [{ capHours: DAILY_HOURS_CAP }],
  );

/** The marker that an event's (or session's) hours already count toward the volunteer's day. */
function scopeCountedPut(b: BookingItem, now: Date): TaggedItem<"hoursScope"> {
  return {
    tag: "hoursScope",
    Put: {
      TableName: TABLE_NAME,
      Item: {
        ...keys.volunteerHoursScope(b.volunteerId, localDay(now), scopeOf(b)),
        type: "hoursScope",
        ttl: Math.floor(now.getTime() / 1000) + LEDGER_TTL_S,
      },
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
}

/**
 * What a completion adds to the volunteer's day: its hours on the ledger (on demand,
 * every time; a timed booking, the first of its event or session only).
 */
export async function dailyHoursItems(b: BookingItem, hours: number, now: Date): Promise<TaggedItem[]> {
  if (!b.startsAt) return [dailyHoursAdd(b, hours, now)];
  const seen = await ddb.send(
    new GetCommand({
      TableName: TABLE_NAME,
      Key: keys.volunteerHoursScope(b.volunteerId, localDay(now), scopeOf(b)),
      ConsistentRead: true,
    }),
  );
  return seen.Item ? [] : [scopeCountedPut(b, now), dailyHoursAdd(b, hours, now)];
}
