/**
 * The day-before reminders: from 18:00 Asia/Shanghai, every accepted booking that
 * starts tomorrow gets a text to its phone, an in-app notice to its resident (when
 * they have an account) and one to its volunteer. Exactly once, however often or
 * late the job runs: the text's id comes from the booking and the kind, the notices'
 * ids from the booking and the role, and each is put on the condition that it is new.
 *
 * Late past midnight too: a booking that was due a reminder the evening before (it
 * was accepted by 18:00 then) and got none, because every evening run failed, is
 * reminded on the day itself — saying 今天 — until an hour before it starts. Bookings
 * are read from the index of accepted bookings by start day (keys.startingOn), one
 * Query per day, never a Scan.
 */

import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { addDays, localTime, timeWords, zonedInstant } from "../../../shared/clock.ts";
import { keys } from "../../../shared/keys.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";
import { derivedId } from "../../lib/ids.ts";
import { queryAll } from "../../lib/query.ts";
import type { ReminderDay } from "../booking-rules.ts";
import { BookingItem } from "../bookings/item.ts";
import { noticeItem } from "../notifications.ts";
import { textItem } from "./item.ts";

/** Reminders go from this hour (Asia/Shanghai) on the day before. */
export const REMIND_HOUR = 18;

async function putNew(item: Record<string, unknown>): Promise<boolean> {
  try {
    await ddb.send(
      new PutCommand({ TableName: TABLE_NAME, Item: item, ConditionExpression: "attribute_not_exists(pk)" }),
    );
    return true;
  } catch (err) {
    if (err instanceof Error && err.name === "ConditionalCheckFailedException") return false;
    throw err;
  }
}

const noticeId = (bookingId: string, to: string) => derivedId("n", bookingId, "reminder", to);

/** A catch-up reminder goes only while the service is at least this far off. */
const CATCH_UP_BEFORE_MS = 3_600_000;

/** `day` (YYYY-MM-DD, Asia/Shanghai) at 18:00 there, as an ISO instant. */
const remindHourOf = (day: string) => zonedInstant(day, `${REMIND_HOUR}:00`).toISOString();

export async function sendReminders(
  now = new Date(),
): Promise<{ day: string | null; reminded: number; caughtUp: number }> {
  const { date: today, hour } = localTime(now);
  const yesterday = addDays(today, -1);
  const tomorrow = addDays(today, 1);
  const evening = hour >= REMIND_HOUR;
  // The notices are dated at 18:00 of the day before, whenever the job runs: the same item each time.
  const reminded = evening ? await remind(tomorrow, "明天", remindHourOf(today), now) : 0;
  // A caught-up reminder's notices keep the date (so the key) they had when due: one item, made once,
  // whichever run made it; their words say 今天, for they are read on the day.
  const dueBy = remindHourOf(yesterday);
  const caughtUp = await remind(today, "今天", dueBy, now, (b) =>
    Boolean(
      b.startsAt &&
        Date.parse(b.startsAt) - now.getTime() >= CATCH_UP_BEFORE_MS &&
        b.acceptedAt &&
        b.acceptedAt <= dueBy,
    ),
  );
  return { day: evening ? tomorrow : null, reminded, caughtUp };
}

/** Remind the accepted bookings starting on `day` (that `eligible` lets through) that have not been; how many were. */
async function remind(
  day: string,
  word: ReminderDay,
  at: string,
  now: Date,
  eligible: (b: BookingItem) => boolean = () => true,
): Promise<number> {
  const rows = await queryAll({ index: "gsi6", pk: keys.startingOn(day) });
  let reminded = 0;
  for (const row of rows) {
    const b = BookingItem.parse(row);
    if (b.status !== "accepted" || !b.startsAt || !eligible(b)) continue;
    const facts = {
      title: b.listingTitle,
      residentName: b.residentName,
      volunteerName: b.volunteerName,
      when: timeWords(b.startsAt),
      day: word,
    };
    const notice = (role: "resident" | "volunteer", id: string) =>
      noticeItem({ to: { id, role }, type: "reminder", bookingId: b.id, facts, at }, noticeId(b.id, role));
    const text = textItem(b, "reminder", now.toISOString(), word);
    const puts = [
      ...(text ? [text] : []),
      // A resident booked for by a community worker has no account: the text is theirs.
      ...(b.bookedBy ? [] : [notice("resident", b.residentId)]),
      notice("volunteer", b.volunteerId),
    ];
    const made = await Promise.all(puts.map(putNew));
    if (made.some(Boolean)) reminded++;
  }
  return reminded;
}
