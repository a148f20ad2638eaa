/**
 * PIPL erasure (issue 19.6): the items around a booking that carry a person's name
 * or phone — notices in others' inboxes, texts in the outbox, reviews, ranking
 * entries — found by the keys the bookings give, never by a Scan, and rewritten
 * without the name or deleted.
 */
import { DeleteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { keys } from "../../../shared/keys.ts";
import { writeAll } from "../../lib/batch.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";
import { queryAll, type Row } from "../../lib/query.ts";
import type { BookingItem } from "../bookings/item.ts";
import { getBookingItem } from "../bookings/read.ts";
import { bookingUpdate } from "../bookings/write.ts";
import { RETRY, type TaggedItem, transact, withRetries } from "../transact.ts";
import { withoutNames } from "./anonymise.ts";

const keyOf = (row: Row) => ({ pk: String(row.pk), sk: String(row.sk) });

/** Rewrite one booking by `change`, on the condition it is still in the status read (re-read on a race). */
export async function rewriteBooking(
  id: string,
  change: (b: BookingItem) => BookingItem,
  also: (b: BookingItem) => TaggedItem[] = () => [],
): Promise<BookingItem | null> {
  return withRetries(async () => {
    const b = await getBookingItem(id);
    if (!b) return null;
    const next = change(b);
    const out = await transact([bookingUpdate("booking", b, next), ...also(b)]);
    return out.ok ? next : RETRY;
  });
}

/** Every notice (one person's inbox) whose booking is one of `bookingIds`. */
async function noticesAbout(userId: string, bookingIds: ReadonlySet<string>): Promise<Row[]> {
  const rows = await queryAll({
    pk: keys.notificationPartition(userId),
    sk: { beginsWith: keys.notificationSortPrefix() },
  });
  return rows.filter((r) => bookingIds.has(String(r.bookingId)));
}

/** The notices in others' inboxes about these bookings, with the erased person's names replaced. */
export async function scrubNotices(
  inboxes: ReadonlySet<string>,
  bookingIds: ReadonlySet<string>,
  names: readonly string[],
): Promise<void> {
  for (const userId of inboxes) {
    for (const row of await noticesAbout(userId, bookingIds)) {
      const text = String(row.text ?? "");
      const scrubbed = withoutNames(text, names);
      if (scrubbed === text) continue;
      await ddb
        .send(
          new UpdateCommand({
            TableName: TABLE_NAME,
            Key: keyOf(row),
            UpdateExpression: "SET #text = :text",
            ConditionExpression: "attribute_exists(pk)",
            ExpressionAttributeNames: { "#text": "text" },
            ExpressionAttributeValues: { ":text": scrubbed },
          }),
        )
        .catch(ignoreGone);
    }
  }
}

/** A person's own inbox, emptied (and when they last read it). */
export async function deleteInbox(userId: string): Promise<void> {
  const rows = await queryAll({ pk: keys.notificationPartition(userId), sk: { beginsWith: "NOTE" } });
  await writeAll(rows.map((r) => ({ DeleteRequest: { Key: keyOf(r) } })));
}

/**
 * Texts about these bookings in the outboxes of `phones`: deleted when they were sent
 * to the erased resident (with the sender's claim), else rewritten without the names.
 */
export async function scrubTexts(
  phones: ReadonlySet<string>,
  bookingIds: ReadonlySet<string>,
  names: readonly string[],
  erasedResident?: string,
): Promise<void> {
  for (const phone of phones) {
    if (!phone) continue;
    const rows = await queryAll({ index: "gsi1", pk: keys.outboxOf(phone) });
    for (const row of rows) {
      const id = String(row.id);
      if (erasedResident !== undefined && row.residentId === erasedResident) {
        await writeAll([
          { DeleteRequest: { Key: keys.text(id) } },
          { DeleteRequest: { Key: keys.textClaim(id) } },
        ]);
        continue;
      }
      if (!bookingIds.has(String(row.bookingId))) continue;
      const text = String(row.text ?? "");
      const scrubbed = withoutNames(text, names);
      if (scrubbed !== text)
        await ddb
          .send(
            new UpdateCommand({
              TableName: TABLE_NAME,
              Key: keys.text(id),
              UpdateExpression: "SET #text = :text",
              ConditionExpression: "attribute_exists(pk)",
              ExpressionAttributeNames: { "#text": "text" },
              ExpressionAttributeValues: { ":text": scrubbed },
            }),
          )
          .catch(ignoreGone);
    }
  }
}

/** A name on an item (a review, a ranking entry), replaced if the item is there. */
export async function renameOn(key: { pk: string; sk: string }, attribute: string, name: string) {
  await ddb
    .send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: key,
        UpdateExpression: "SET #a = :n",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeNames: { "#a": attribute },
        ExpressionAttributeValues: { ":n": name },
      }),
    )
    .catch(ignoreGone);
}

/** A person's idempotency records (booking ids only, but theirs): deleted. */
export async function deleteIdempotency(residentId: string): Promise<void> {
  const rows = await queryAll({ pk: keys.idempotency(residentId, "").pk });
  await writeAll(rows.map((r) => ({ DeleteRequest: { Key: keyOf(r) } })));
}

export async function deleteItem(key: { pk: string; sk: string }): Promise<void> {
  await ddb.send(new DeleteCommand({ TableName: TABLE_NAME, Key: key }));
}

/** An item deleted or never there in the meantime: nothing left to scrub. */
function ignoreGone(err: unknown): void {
  if (err instanceof Error && err.name === "ConditionalCheckFailedException") return;
  throw err;
}
