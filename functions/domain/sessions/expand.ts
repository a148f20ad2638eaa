/**
 * Keeping a scheduled listing's sessions: those of the coming 8 weeks exist as soon
 * as it is published (and the daily job adds the ones that come into view); a new
 * schedule changes future sessions only — a future session nobody booked is
 * dropped when the new rule no longer has it, a booked one stays until the
 * volunteer cancels it. Each session is written on the condition that it is new,
 * so running this twice changes nothing.
 */

import { DeleteCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { localDay } from "../../../shared/clock.ts";
import { keys } from "../../../shared/keys.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";
import { queryAll } from "../../lib/query.ts";
import { ListingItem } from "../listings/item.ts";
import { newSessionItem, sessionRecord } from "./item.ts";
import { sessionItems } from "./read.ts";
import { HORIZON_DAYS, upcoming } from "./schedule.ts";

const isConditionFailure = (err: unknown) =>
  err instanceof Error && err.name === "ConditionalCheckFailedException";

async function ignoringConditionFailure(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
  }
}

/** Create the sessions of the coming 8 weeks that do not exist yet; returns how many were made. */
export async function ensureSessions(listing: ListingItem, now = new Date()): Promise<number> {
  if (!listing.schedule || listing.status !== "published") return 0;
  const wanted = upcoming(listing.schedule, now);
  let made = 0;
  await Promise.all(
    wanted.map((t) =>
      ignoringConditionFailure(
        ddb
          .send(
            new PutCommand({
              TableName: TABLE_NAME,
              Item: sessionRecord(
                newSessionItem(listing, t, listing.schedule?.capacity ?? listing.capacity, now),
              ),
              ConditionExpression: "attribute_not_exists(pk)",
            }),
          )
          .then(() => {
            made++;
          }),
      ),
    ),
  );
  return made;
}

/**
 * After the schedule changed: future sessions the new rule no longer has are
 * dropped if nobody booked them; future open sessions take the new seat count where
 * it still holds everyone booked; the new rule's sessions are made.
 */
export async function syncSessions(listing: ListingItem, now = new Date()): Promise<void> {
  if (!listing.schedule) return;
  const spec = listing.schedule;
  const wanted = new Set(upcoming(spec, now).map((t) => t.id));
  const to = localDay(new Date(now.getTime() + HORIZON_DAYS * 86_400_000));
  const existing = (await sessionItems(listing.id, localDay(now), to)).filter(
    (s) => Date.parse(s.startsAt) > now.getTime() && s.status === "open",
  );
  await Promise.all(
    existing.map((s) =>
      ignoringConditionFailure(
        wanted.has(s.id)
          ? ddb.send(
              new UpdateCommand({
                TableName: TABLE_NAME,
                Key: keys.session(listing.id, s.id),
                UpdateExpression: "SET #c = :c",
                ConditionExpression: "#seats <= :c",
                ExpressionAttributeNames: { "#c": "capacity", "#seats": "seatsTaken" },
                ExpressionAttributeValues: { ":c": spec.capacity },
              }),
            )
          : ddb.send(
              new DeleteCommand({
                TableName: TABLE_NAME,
                Key: keys.session(listing.id, s.id),
                ConditionExpression: "#seats = :zero AND #wl = :zero",
                ExpressionAttributeNames: { "#seats": "seatsTaken", "#wl": "waitlistCount" },
                ExpressionAttributeValues: { ":zero": 0 },
              }),
            ),
      ),
    ),
  );
  await ensureSessions(listing, now);
}

/** The daily job: every published scheduled listing gets its sessions up to the horizon. */
export async function expandAllSchedules(now = new Date()): Promise<{ listings: number; sessions: number }> {
  const { index, pk } = keys.catalogueIndex("new");
  const rows = await queryAll({
    index,
    pk,
    where: { expression: "attribute_exists(#s)", names: { "#s": "schedule" }, values: {} },
  });
  let sessions = 0;
  for (const row of rows) sessions += await ensureSessions(ListingItem.parse(row), now);
  return { listings: rows.length, sessions };
}
