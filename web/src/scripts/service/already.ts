/**
 * A resident's own bookings, as the service page needs them (scripts/service/join-box.ts):
 * the live one on this service, shown instead of 加入该项目 with its status and a link,
 * and the address she gave last time, so the join form need not be retyped.
 */
import { meBookings } from "../../../../shared/routes.ts";
import type { Booking, Listing } from "../../../../shared/schemas.ts";
import { auth } from "../../lib/auth.ts";
import { call } from "../../lib/client.ts";
import { h } from "../../lib/dom.ts";
import { STATUS_LABEL } from "../../lib/format.ts";
import { sessionWhen } from "../../lib/sessions.ts";

const LIVE = new Set<Booking["status"]>(["requested", "accepted", "waitlisted"]);

export interface Mine {
  /** Her live bookings on this listing (one, or one per session of a scheduled one). */
  live: Booking[];
  /** The address on her latest booking that had one. */
  lastAddress: string;
}

/** Her bookings' answer for listing `l`; nothing when nobody, or not a resident, is signed in. */
export async function mine(l: Listing): Promise<Mine | undefined> {
  if (auth.currentUser()?.role !== "resident") return undefined;
  const res = await call(meBookings, { login: false });
  if (!res.ok) return undefined;
  const items = res.data.items;
  return {
    live: items.filter((b) => b.listingId === l.id && LIVE.has(b.status)),
    lastAddress: items.find((b) => b.address)?.address ?? "",
  };
}

/** 您已经加入了这个项目: each live booking's status (and date), and the way to 我的预约. */
export function alreadyBox(live: Booking[], scheduled: boolean): HTMLElement {
  return h(
    "div",
    { class: "notice ok already", "data-already": "" },
    h("p", {}, h("strong", {}, scheduled ? "您已经报名了这些场次" : "您已经加入了这个项目")),
    ...live.map((b) =>
      h(
        "p",
        {},
        `${b.startsAt ? `${sessionWhen({ startsAt: b.startsAt })}：` : "状态："}`,
        h("strong", {}, STATUS_LABEL[b.status]),
        b.status === "waitlisted" && b.waitlistPosition ? `（候补第 ${b.waitlistPosition} 位）` : "",
      ),
    ),
    h("p", {}, h("a", { class: "btn btn-primary", href: "/me/" }, "查看我的预约和核销码")),
    scheduled ? h("p", { class: "hint" }, "想报名别的日期，选好日期再点「加入该项目」。") : null,
  );
}
