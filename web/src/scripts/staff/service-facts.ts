/**
 * What a worker needs before a tap in the service picker (scripts/staff/book.ts): each
 * result's next date and the seats left — a scheduled service's next open session
 * (one sessions read each), an event's time, or 随时预约 for an ongoing offer.
 */
import { whenWords } from "../../../../shared/clock.ts";
import { listingsSessions } from "../../../../shared/routes.ts";
import type { Listing } from "../../../../shared/schemas.ts";
import { call } from "../../lib/client.ts";
import { seats } from "../../lib/format.ts";

export async function serviceFacts(l: Listing): Promise<string> {
  if (l.status !== "published") return "暂停中，暂时不能预约";
  if (l.schedule) {
    const res = await call(listingsSessions, { params: { id: l.id } });
    const next = res.ok ? res.data.items.find((s) => s.status === "open") : undefined;
    if (!next) return "近期没有可预约的场次";
    const left = Math.max(0, next.capacity - next.seatsTaken);
    return `最近一场 ${whenWords(next.startsAt)} · ${left ? `剩 ${left} 位` : "已满，可候补"}`;
  }
  const s = seats(l);
  const when = l.startsAt ? whenWords(l.startsAt) : "随时预约";
  return `${when} · ${s.text}`;
}
