/**
 * In-app notifications: made by the stream projector from the booking change they
 * tell about (ids derived from the stream record, so a replay rewrites the same
 * item); read newest first from the user's partition. "Mark all read" is one item
 * holding the time it was pressed, so it costs one write however many
 * notifications there are.
 */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod/mini";
import { keys } from "../../shared/keys.ts";
import type { Notification } from "../../shared/schemas.ts";
import { decodeCursor, encodeCursor } from "../lib/cursor.ts";
import { ddb, TABLE_NAME } from "../lib/db.ts";
import { keyAttributes, queryPage } from "../lib/query.ts";
import { type NoticeFacts, type NoticeType, noticeText } from "./booking-rules.ts";

export interface Notice {
  to: { id: string; role: "resident" | "volunteer" };
  type: NoticeType;
  bookingId: string;
  facts: NoticeFacts;
  /** ISO time of the change told about. */
  at: string;
}

/** The stored item of one notice, under the given id. */
export function noticeItem(n: Notice, id: string): Record<string, unknown> {
  return {
    ...keys.notification(n.to.id, n.at, id),
    type: "notification",
    id,
    noticeType: n.type,
    userId: n.to.id,
    bookingId: n.bookingId,
    listingTitle: n.facts.title,
    text: noticeText(n.type, n.to.role, n.facts),
    createdAt: n.at,
  };
}

const NoteItem = z.object({
  id: z.string(),
  noticeType: z.string(),
  bookingId: z.string(),
  listingTitle: z.string(),
  text: z.string(),
  createdAt: z.string(),
});

const PAGE = 30;
const NOTE_KEYS = keyAttributes();

export async function myNotifications(
  userId: string,
  cursor?: string,
): Promise<{ items: Notification[]; nextCursor: string | null }> {
  const start = decodeCursor(cursor, NOTE_KEYS);
  const [page, read] = await Promise.all([
    queryPage({
      pk: keys.notificationPartition(userId),
      sk: { beginsWith: keys.notificationSortPrefix() },
      newestFirst: true,
      limit: PAGE,
      ...(start ? { start } : {}),
    }),
    ddb.send(new GetCommand({ TableName: TABLE_NAME, Key: keys.notificationsRead(userId) })),
  ]);
  const readAt = typeof read.Item?.readAt === "string" ? read.Item.readAt : "";
  return {
    items: page.items.map((raw) => {
      const n = NoteItem.parse(raw);
      return {
        id: n.id,
        type: n.noticeType,
        bookingId: n.bookingId,
        listingTitle: n.listingTitle,
        text: n.text,
        createdAt: n.createdAt,
        read: n.createdAt <= readAt,
      };
    }),
    nextCursor: encodeCursor(page.lastKey),
  };
}

export async function markAllRead(userId: string, now = new Date()): Promise<void> {
  await ddb.send(
    new PutCommand({
      TableName: TABLE_NAME,
      Item: { ...keys.notificationsRead(userId), type: "notificationsRead", readAt: now.toISOString() },
    }),
  );
}
