/**
 * A scheduled listing's sessions in 我的服务: the schedule in words, then the
 * sessions of the last week and the coming weeks, each a link to its roster
 * (/volunteer/roster/), with seats taken and the waitlist.
 */
import { listingsSessions } from "../../../../shared/routes.ts";
import type { Listing } from "../../../../shared/schemas.ts";
import type { Schedule, Session } from "../../../../shared/sessions.ts";
import { call } from "../../lib/client.ts";
import { h } from "../../lib/dom.ts";
import { addDays, clock, monthDay, scheduleText, today, weekday } from "../../lib/sessions.ts";

const SHOWN = 10;
const STATE: Record<Session["status"], string> = { open: "", cancelled: "已取消", past: "已开始" };

export const rosterHref = (listingId: string, sessionId: string): string =>
  `/volunteer/roster/?id=${encodeURIComponent(listingId)}&session=${encodeURIComponent(sessionId)}`;

function sessionItem(s: Session): HTMLLIElement {
  return h(
    "li",
    { class: `session-row${s.status === "cancelled" ? " cancelled" : ""}`, "data-session": s.id },
    h(
      "a",
      { href: rosterHref(s.listingId, s.id) },
      `${monthDay(s.startsAt)} ${weekday(s.startsAt)} ${clock(s.startsAt)}`,
    ),
    h(
      "span",
      { class: "muted" },
      `${STATE[s.status]}${STATE[s.status] ? " · " : ""}已报名 ${s.seatsTaken}/${s.capacity}${s.waitlistCount ? ` · 候补 ${s.waitlistCount}` : ""}`,
    ),
  );
}

/** The sessions block of one scheduled listing (filled when its sessions arrive). */
export function sessionsBlock(l: Listing, schedule: Schedule): HTMLElement {
  const list = h("ul", { class: "plain sessions-of" }, h("li", { class: "loading" }, "正在加载场次…"));
  const box = h(
    "div",
    { class: "sessions-box" },
    h("p", {}, h("strong", {}, `举办：${scheduleText(schedule)}`)),
    h("p", { class: "hint" }, "点日期打开那一场的名单：接单、核销、取消这一场。"),
    list,
  );
  void call(listingsSessions, { params: { id: l.id }, query: { from: addDays(today(), -7) } }).then((res) => {
    if (!res.ok) return list.replaceChildren(h("li", { class: "notice err" }, res.error.message));
    const rows = res.data.items.map(sessionItem);
    list.replaceChildren(...rows.slice(0, SHOWN));
    if (!rows.length) list.append(h("li", { class: "muted" }, "近期没有场次。"));
    if (rows.length > SHOWN) {
      const more = h("button", { type: "button" }, `显示全部 ${rows.length} 场`);
      more.addEventListener("click", () => {
        list.replaceChildren(...rows);
        more.remove();
      });
      box.append(more);
    }
  });
  return box;
}
