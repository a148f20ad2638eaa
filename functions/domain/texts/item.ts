/**
 * A text as stored (the outbox item), made from a booking, pure. Its id is derived
 * from the booking and the kind, so there is at most one per booking and kind: the
 * projector rewriting it on a replay, or the reminder job running twice, writes the
 * same item, and only the sender's claim (deliver.ts) lets it go out, once.
 */

import * as z from "zod";
import { keys } from "../../../shared/keys.ts";
import { type OutboxText, TextKind, TextStatus } from "../../../shared/texts.ts";
import { derivedId } from "../../lib/ids.ts";
import type { BookingItem } from "../bookings/item.ts";
import { OUTBOX_RETENTION_DAYS } from "../privacy/anonymise.ts";
import { isMobile, sendAtFor, type TextFacts, textFor } from "./wording.ts";

export const TextItem = z.object({
  id: z.string(),
  to: z.string(),
  text: z.string(),
  kind: TextKind,
  bookingId: z.string(),
  residentId: z.string(),
  createdAt: z.string(),
  status: TextStatus,
  sendAt: z.string(),
  sentAt: z.string().optional(),
  messageId: z.string().optional(),
  error: z.string().optional(),
});
export type TextItem = z.infer<typeof TextItem>;

/** `t_` and a hash of the booking and the kind (the same for a booking and kind, whoever makes it). */
export const textId = (bookingId: string, kind: TextKind) => derivedId("t", bookingId, kind);

/** The text of `kind` about booking `b`, made at `at` (a reminder: for 明天 or 今天); none for a landline. */
export function textItem(
  b: BookingItem,
  kind: TextKind,
  at: string,
  day?: TextFacts["day"],
): Record<string, unknown> | null {
  if (!isMobile(b.phone)) return null;
  const { held, sendAt } = sendAtFor(new Date(at));
  const t: TextItem = {
    id: textId(b.id, kind),
    to: b.phone,
    text: textFor(kind, {
      title: b.listingTitle,
      residentName: b.residentName,
      volunteerName: b.volunteerName,
      startsAt: b.startsAt,
      preferredTime: b.preferredTime,
      byWorker: b.bookedBy !== undefined,
      ...(day ? { day } : {}),
    }),
    kind,
    bookingId: b.id,
    residentId: b.residentId,
    createdAt: at,
    status: held ? "held" : "queued",
    sendAt: sendAt.toISOString(),
  };
  // Retention (issue 19.6): DynamoDB's TTL removes a text 30 days on (the retention job does it too, and locally).
  const ttl = Math.floor(Date.parse(at) / 1000) + OUTBOX_RETENTION_DAYS * 86_400;
  return { ...keys.text(t.id), type: "text", ...t, ...keys.textIndexes(t), ttl };
}

export const outboxView = (t: TextItem): OutboxText => ({
  id: t.id,
  to: t.to,
  text: t.text,
  kind: t.kind,
  bookingId: t.bookingId,
  createdAt: t.createdAt,
  status: t.status,
  sendAt: t.sendAt,
});
