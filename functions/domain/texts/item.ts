/**
 * A text as stored (the outbox item), made from a booking, pure. Its id is derived
 * from the booking and the kind, so there is at most one per booking and kind: the
 * projector rewriting it on a replay, or the reminder job running twice, writes the
 * same item, and only the sender's claim (deliver.ts) lets it go out, once.
 */

import * as z from "zod/mini";
import { keys } from "../../../shared/keys.ts";
import { type BookingTextKind, type OutboxText, TextKind, TextStatus } from "../../../shared/texts.ts";
import { derivedId, newId } from "../../lib/ids.ts";
import type { BookingItem } from "../bookings/item.ts";
import { OUTBOX_RETENTION_DAYS } from "../privacy/anonymise.ts";
import { type CodePurpose, codeText, isMobile, sendAtFor, type TextFacts, textFor } from "./wording.ts";

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
  sentAt: z.optional(z.string()),
  messageId: z.optional(z.string()),
  error: z.optional(z.string()),
});
export type TextItem = z.infer<typeof TextItem>;

/** `t_` and a hash of the booking and the kind (the same for a booking and kind, whoever makes it). */
export const textId = (bookingId: string, kind: TextKind) => derivedId("t", bookingId, kind);

/**
 * The text of `kind` about booking `b`, made at `at` (a reminder: for 明天 or 今天);
 * none for a landline, and none for a phone not proven to belong to the booking
 * (trust and safety: `phoneProven` is settled when the booking is made, see
 * trust/proof.ts, so neither the projector nor the reminder job looks anything up).
 */
export function textItem(
  b: BookingItem,
  kind: BookingTextKind,
  at: string,
  day?: TextFacts["day"],
): Record<string, unknown> | null {
  if (!isMobile(b.phone) || !b.phoneProven) return null;
  const text = textFor(kind, {
    category: b.category,
    startsAt: b.startsAt,
    byWorker: b.bookedBy !== undefined,
    ...(day ? { day } : {}),
  });
  return storedText(
    { id: textId(b.id, kind), to: b.phone, text, kind, bookingId: b.id, residentId: b.residentId },
    at,
  );
}

/**
 * The outbox item of a text made at `at`: due then, or held until quiet hours end
 * (`now`: due at once whatever the hour, for someone waiting for it). Retention
 * (issue 19.6): DynamoDB's TTL removes it 30 days on (the retention job does it too,
 * and locally).
 */
function storedText(
  t: Pick<TextItem, "id" | "to" | "text" | "kind" | "bookingId" | "residentId">,
  at: string,
  now = false,
): Record<string, unknown> {
  const { held, sendAt } = sendAtFor(new Date(at));
  const item: TextItem = {
    ...t,
    createdAt: at,
    status: held && !now ? "held" : "queued",
    sendAt: now ? at : sendAt.toISOString(),
  };
  const ttl = Math.floor(Date.parse(at) / 1000) + OUTBOX_RETENTION_DAYS * 86_400;
  return { ...keys.text(item.id), type: "text", ...item, ...keys.textIndexes(item), ttl };
}

/**
 * A one-time code's text to `to`, for `account` (an account id; `-` from the opt-out
 * page): due at once, quiet hours or not, since the person is waiting for it.
 */
export function codeTextItem(to: string, code: string, purpose: CodePurpose, account: string, at: string) {
  const text = codeText(code, purpose);
  return storedText({ id: newId("t"), to, text, kind: "code", bookingId: "", residentId: account }, at, true);
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
    phoneProven?: boolean | undefined;
  },
  kind: "needClaimed" | "needExpired",
  at: string,
  facts: { volunteerName?: string; committeePhone?: string | undefined },
): Record<string, unknown> | null {
  // As for a booking: a number nobody proved is the need's gets no text (trust and safety).
  if (!isMobile(n.phone) || !n.phoneProven) return null;
  const text = textFor(kind, {
    category: n.category,
    byWorker: n.bookedBy !== undefined,
    committeePhone: facts.committeePhone,
  });
  return storedText(
    { id: textId(n.id, kind), to: n.phone, text, kind, bookingId: n.id, residentId: n.residentId },
    at,
  );
}
