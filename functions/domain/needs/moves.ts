/**
 * The other moves of a need, each one transaction: the claimer releases it with a
 * reason (the need is open again and its booking cancelled, the resident told); its
 * resident (or the worker who posted it) cancels it; an admin hides it with a reason
 * (the resident told). Each holds the need on the condition it is still as read.
 */
import type { Need } from "../../../shared/needs.ts";
import type { User } from "../../lib/auth.ts";
import { isLive } from "../booking-rules.ts";
import type { BookingItem } from "../bookings/item.ts";
import { getBookingItem } from "../bookings/read.ts";
import { bookingUpdate, liveGuardDelete } from "../bookings/write.ts";
import { InvalidTransition, NotOwner } from "../errors.ts";
import { RETRY, type TaggedItem, transact, withRetries } from "../transact.ts";
import { activeCount, isActiveNeed, type NeedItem, needUpdate, toNeedView, viewerOfNeed } from "./item.ts";
import { needOr404 } from "./read.ts";

/** The claimed need's booking, cancelled by its volunteer with the reason (it keeps no seat to free). */
async function bookingEnds(n: NeedItem, reason: string, at: string): Promise<TaggedItem[]> {
  if (!n.bookingId) return [];
  const b = await getBookingItem(n.bookingId);
  if (!b || !isLive(b.status)) return [];
  const next: BookingItem = {
    ...b,
    status: "cancelled",
    cancelledAt: at,
    cancelledBy: "volunteer",
    cancelReason: reason,
    updatedAt: at,
  };
  return [bookingUpdate("booking", b, next), liveGuardDelete(b)];
}

/** 退单: the claimer gives the need back before completion; it is open again for another. */
export async function releaseNeed(user: User, id: string, reason: string, now = new Date()): Promise<Need> {
  return withRetries(async () => {
    const n = await needOr404(id);
    if (n.claimedBy?.id !== user.id) throw new NotOwner("只能退回自己接的需求");
    if (n.status !== "claimed") throw new InvalidTransition(n.status, "退单");
    const at = now.toISOString();
    const next: NeedItem = {
      ...n,
      status: "open",
      releasedAt: at,
      releaseReason: reason,
      releases: n.releases + 1,
      updatedAt: at,
    };
    for (const k of ["claimedBy", "assignedBy", "bookingId", "claimedAt"] as const) delete next[k];
    const out = await transact([needUpdate(n, next), ...(await bookingEnds(n, reason, at))]);
    return out.ok ? toNeedView(next, "board", now) : RETRY;
  });
}

/** Its resident, or the worker who posted it, withdraws an open need. */
export async function cancelNeed(user: User, id: string, now = new Date()): Promise<Need> {
  return withRetries(async () => {
    const n = await needOr404(id);
    const own =
      (user.role === "resident" && user.id === n.residentId) ||
      (user.role === "staff" && n.bookedBy?.id === user.id);
    if (!own) throw new NotOwner("只能取消自己的需求");
    if (n.status !== "open") throw new InvalidTransition(n.status, "取消");
    const at = now.toISOString();
    const next: NeedItem = { ...n, status: "cancelled", cancelledAt: at, updatedAt: at };
    const out = await transact([needUpdate(n, next), activeCount(n.residentId, -1)]);
    return out.ok ? toNeedView(next, viewerOfNeed(next, user), now) : RETRY;
  });
}

/** An admin hides a need with a reason: off every board; an open one ends (cancelled); the resident is told. */
export async function hideNeed(id: string, reason: string, now = new Date()): Promise<Need> {
  return withRetries(async () => {
    const n = await needOr404(id);
    if (n.hidden) throw new InvalidTransition("hidden", "隐藏");
    const at = now.toISOString();
    const ends = n.status === "open";
    const next: NeedItem = {
      ...n,
      hidden: true,
      hiddenAt: at,
      hiddenReason: reason,
      ...(ends ? { status: "cancelled" as const, cancelledAt: at } : {}),
      updatedAt: at,
    };
    const out = await transact([
      needUpdate(n, next),
      ...(ends && isActiveNeed(n.status) ? [activeCount(n.residentId, -1)] : []),
    ]);
    return out.ok ? toNeedView(next, "named", now) : RETRY;
  });
}
