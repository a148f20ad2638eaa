/**
 * A text as stored (the outbox item), made from a booking, pure. Its id is derived
 * from the booking and the kind, so there is at most one per booking and kind: the
 * projector rewriting it on a replay, or the reminder job running twice, writes the
 * same item, and only the sender's claim (deliver.ts) lets it go out, once.
 */

import * as z from "zod";
import { categoryName } from "../../../shared/categories.ts";
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
      // A need's booking carries the resident's own words as its title: texts name the category instead.
      title: b.needId ? (categoryName(b.category) ?? "") : b.listingTitle,
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

/**
 * A text about a need (群众点单) to its resident's phone, one per need and kind (its id
 * comes from both); fixed wording naming the category, never the resident's own words.
 */
export function needTextItem(
  n: {
    id: string;
    phone: string;
    residentId: string;
    residentName: string;
    category: string;
    bookedBy?: unknown;
  },
  kind: "needClaimed" | "needExpired",
  at: string,
  facts: { volunteerName?: string; committeePhone?: string | undefined },
): Record<string, unknown> | null {
  if (!isMobile(n.phone)) return null;
  const { held, sendAt } = sendAtFor(new Date(at));
  const t: TextItem = {
    id: textId(n.id, kind),
    to: n.phone,
    text: textFor(kind, {
      title: categoryName(n.category) ?? "",
      residentName: n.residentName,
      volunteerName: facts.volunteerName ?? "",
      byWorker: n.bookedBy !== undefined,
      committeePhone: facts.committeePhone,
    }),
    kind,
    bookingId: n.id,
    residentId: n.residentId,
    createdAt: at,
    status: held ? "held" : "queued",
    sendAt: sendAt.toISOString(),
  };
  return { ...keys.text(t.id), type: "text", ...t, ...keys.textIndexes(t) };
}
