/**
 * A need follows its booking: completing the booking makes the need `fulfilled`; the
 * booking ending otherwise (the resident cancelling it, 居民未到) ends the need as
 * `cancelled`. Written in the booking's own transaction, so the need and its booking
 * can never disagree (only that one booking ever touches a claimed need).
 */
import type { BookingItem } from "../bookings/item.ts";
import type { TaggedItem } from "../transact.ts";
import { activeCount, type NeedItem, needUpdate } from "./item.ts";
import { getNeedItem } from "./read.ts";

export async function needFollows(needId: string, next: BookingItem, now: Date): Promise<TaggedItem[]> {
  if (next.status === "accepted" || next.status === "requested") return [];
  const n = await getNeedItem(needId);
  if (!n || n.status !== "claimed" || n.bookingId !== next.id) return [];
  const at = now.toISOString();
  const moved: NeedItem =
    next.status === "completed"
      ? { ...n, status: "fulfilled", fulfilledAt: at, updatedAt: at }
      : { ...n, status: "cancelled", cancelledAt: at, updatedAt: at };
  return [needUpdate(n, moved), activeCount(n.residentId, -1)];
}
