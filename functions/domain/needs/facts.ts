/**
 * What one change of a need means, pure (the projector applies it, reconcile replays
 * it): the dashboard's need counters (posted, claimed, fulfilled, expired and the
 * hours-to-claim histogram, by category and community, on the same day counter items
 * as the bookings'), the resident's notices and texts (claimed, expired, hidden) and
 * the volunteer's notice when a worker dispatched it.
 */

import { localDay } from "../../../shared/clock.ts";
import type { Key } from "../../../shared/keys.ts";
import { keys } from "../../../shared/keys.ts";
import { derivedId } from "../../lib/ids.ts";
import type { NoticeType } from "../booking-rules.ts";
import { noticeItem } from "../notifications.ts";
import { acceptBucket } from "../stats/counters.ts";
import { needTextItem } from "../texts/item.ts";
import { NeedItem } from "./item.ts";

type NeedEffect =
  | { kind: "count"; key: Key; set: Record<string, string>; add: Record<string, number> }
  | { kind: "put"; item: Record<string, unknown> };

/** The counter attributes of needs on a day counter item. */
export const NEED_COUNTERS = {
  posted: "needPosted",
  claimed: "needClaimed",
  fulfilled: "needFulfilled",
  expired: "needExpired",
} as const;
/** The hours-to-claim histogram's attributes (the same buckets as hours-to-accept). */
export const claimBucketAttr = (i: number) => `nc${i}`;

function count(n: NeedItem, at: string, add: Record<string, number>): NeedEffect[] {
  const day = localDay(at);
  return (["category", "community"] as const).map((dimension) => ({
    kind: "count",
    key: keys.statsDay(dimension, day, n[dimension]),
    set: { day, value: n[dimension] },
    add,
  }));
}

function tell(changeId: string, n: NeedItem, type: NoticeType, at: string, reason?: string): NeedEffect {
  // A resident a worker posted for has no account: the worker is told.
  const to = n.bookedBy?.id ?? n.residentId;
  const item = noticeItem(
    {
      to: { id: to, role: "resident" },
      type,
      bookingId: n.bookingId ?? n.id,
      facts: {
        title: n.title,
        residentName: n.residentName,
        volunteerName: n.claimedBy?.name ?? "",
        ...(reason ? { reason } : {}),
      },
      at,
    },
    derivedId("n", changeId, "resident", type),
  );
  return {
    kind: "put",
    item: n.bookedBy ? { ...item, text: `（代${n.residentName}发布）${String(item.text)}` } : item,
  };
}

const parse = (image: Record<string, unknown> | undefined) => {
  if (!image) return undefined;
  const p = NeedItem.safeParse(image);
  return p.success ? p.data : undefined;
};

export function needEffects(change: {
  id: string;
  old?: Record<string, unknown> | undefined;
  new?: Record<string, unknown> | undefined;
}): NeedEffect[] {
  const now = parse(change.new);
  if (!now) return [];
  const old = parse(change.old);
  if (!old) return count(now, now.createdAt, { [NEED_COUNTERS.posted]: 1 });
  const effects: NeedEffect[] = [];
  if (!old.hidden && now.hidden)
    effects.push(tell(change.id, now, "needHidden", now.hiddenAt ?? now.updatedAt, now.hiddenReason));
  if (old.status === now.status) return effects;
  if (now.status === "claimed" && old.status === "open") {
    const at = now.claimedAt ?? now.updatedAt;
    // Counted once per need, at its first claim (a need released and claimed again is one claimed need).
    if (!old.firstClaimedAt) {
      const first = now.firstClaimedAt ?? at;
      const hours = Math.max(0, (Date.parse(first) - Date.parse(now.createdAt)) / 3_600_000);
      effects.push(
        ...count(now, first, { [NEED_COUNTERS.claimed]: 1, [claimBucketAttr(acceptBucket(hours))]: 1 }),
      );
    }
    const text = needTextItem(now, "needClaimed", at, { volunteerName: now.claimedBy?.name ?? "" });
    if (text) effects.push({ kind: "put", item: text });
    if (now.assignedBy && now.claimedBy)
      effects.push({
        kind: "put",
        item: noticeItem(
          {
            to: { id: now.claimedBy.id, role: "volunteer" },
            type: "needAssigned",
            bookingId: now.bookingId ?? now.id,
            facts: { title: now.title, residentName: now.residentName, volunteerName: now.claimedBy.name },
            at,
          },
          derivedId("n", change.id, "volunteer", "needAssigned"),
        ),
      });
  } else if (now.status === "fulfilled") {
    effects.push(...count(now, now.fulfilledAt ?? now.updatedAt, { [NEED_COUNTERS.fulfilled]: 1 }));
  } else if (now.status === "expired") {
    const at = now.expiredAt ?? now.updatedAt;
    effects.push(...count(now, at, { [NEED_COUNTERS.expired]: 1 }), tell(change.id, now, "needExpired", at));
    const text = needTextItem(now, "needExpired", at, { committeePhone: now.committeePhone });
    if (text) effects.push({ kind: "put", item: text });
  }
  return effects;
}

/**
 * Reconcile's replay of a need: posted, then (perhaps) claimed, then its end, each
 * dated as it happened, rebuilt from the need alone. A need claimed and released
 * again counts its current claim only.
 */
export function needHistory(
  n: NeedItem,
): { id: string; old?: Record<string, unknown>; new: Record<string, unknown> }[] {
  const image = (x: NeedItem) => ({ ...x, type: "need" });
  const bare: NeedItem = { ...n, status: "open", updatedAt: n.createdAt };
  for (const k of [
    "claimedAt",
    "firstClaimedAt",
    "fulfilledAt",
    "expiredAt",
    "cancelledAt",
    "hidden",
    "hiddenAt",
    "hiddenReason",
  ] as const)
    delete bare[k];
  const steps: NeedItem[] = [bare];
  const first = n.firstClaimedAt;
  if (first)
    steps.push({ ...bare, status: "claimed", claimedAt: first, firstClaimedAt: first, updatedAt: first });
  const last = steps.at(-1) as NeedItem;
  if (n.status !== last.status || n.hidden) steps.push(n);
  return steps.map((s, i) => ({
    id: `${n.id}#${i}`,
    ...(i > 0 ? { old: image(steps[i - 1] as NeedItem) } : {}),
    new: image(s),
  }));
}
