/**
 * 选择日期 on a scheduled service's page (components/service/SessionChips.astro):
 * the coming sessions as chips, the chosen one kept in the address (`&session=`)
 * so logging in on the way to joining comes back to the same date.
 */
import { listingsSessions } from "../../../../shared/routes.ts";
import type { Listing } from "../../../../shared/schemas.ts";
import type { Session } from "../../../../shared/sessions.ts";
import { call } from "../../lib/client.ts";
import { $, h } from "../../lib/dom.ts";
import { clock, monthDay, sessionSeats, sessionWhen, weekday } from "../../lib/sessions.ts";

export interface SessionPicker {
  /** The chosen open session, if any. */
  selected(): Session | undefined;
  /** Bring the chips into view, e.g. when 加入 is pressed before a date is chosen. */
  ask(text: string): void;
}

/** How many chips show before 更多日期. */
const FIRST = 8;

function chip(s: Session, onPick: (s: Session) => void): HTMLDivElement {
  const seats = sessionSeats(s);
  const id = `s-${s.id}`;
  const cancelled = s.status === "cancelled";
  const input = h("input", {
    type: "radio",
    name: "session",
    id,
    value: s.id,
    disabled: cancelled,
    "aria-describedby": cancelled && s.cancelReason ? `${id}-why` : null,
  });
  input.addEventListener("change", () => onPick(s));
  return h(
    "div",
    { class: `chip${seats.full ? " full" : ""}${cancelled ? " cancelled" : ""}`, "data-session": s.id },
    input,
    h(
      "label",
      { for: id },
      h("span", { class: "chip-date" }, monthDay(s.startsAt)),
      h("span", {}, `${weekday(s.startsAt)} ${clock(s.startsAt)}`),
      h("span", { class: "chip-seats" }, seats.text),
      cancelled && s.cancelReason
        ? h("span", { class: "visually-hidden", id: `${id}-why` }, `取消原因：${s.cancelReason}`)
        : null,
    ),
  );
}

function choiceText(s: Session): string {
  const seats = sessionSeats(s);
  return seats.full
    ? `已选：${sessionWhen(s)}。这一场名额已满，现在加入将排入候补。`
    : `已选：${sessionWhen(s)}，${seats.text}。`;
}

export async function mountSessions(l: Listing, wanted: string | null): Promise<SessionPicker> {
  const box = $("#sessions");
  const chips = $("#session-chips");
  const choice = $("#session-choice");
  let current: Session | undefined;
  box.hidden = false;

  function pick(s: Session) {
    current = s;
    choice.textContent = choiceText(s);
    const url = new URL(location.href);
    url.searchParams.set("session", s.id);
    history.replaceState(null, "", url);
  }

  const res = await call(listingsSessions, { params: { id: l.id } });
  if (!res.ok) {
    chips.replaceChildren(h("p", { class: "notice err" }, res.error.message));
  } else {
    const now = Date.now();
    const upcoming = res.data.items.filter((s) => s.status !== "past" && Date.parse(s.startsAt) > now);
    const nodes = upcoming.map((s) => chip(s, pick));
    const at = upcoming.findIndex((s) => s.id === wanted && s.status === "open");
    // All dates at once when the one asked for (from the calendar's link) is further out.
    const shown = at >= FIRST ? nodes.length : FIRST;
    chips.replaceChildren(...nodes.slice(0, shown));
    if (nodes.length > shown) {
      const more = h("button", { type: "button" }, `更多日期（还有 ${nodes.length - shown} 场）`);
      more.addEventListener("click", () => {
        more.remove();
        chips.append(...nodes.slice(shown));
      });
      choice.before(more);
    }
    if (!upcoming.length) chips.replaceChildren(h("p", {}, "近期没有安排，过些天再来看看。"));
    const pre = upcoming[at];
    const input = nodes[at]?.querySelector("input");
    if (pre && input) {
      input.checked = true;
      pick(pre);
    }
  }

  return {
    selected: () => current,
    ask(text) {
      choice.textContent = text;
      box.scrollIntoView({ block: "center" });
      box.querySelector<HTMLInputElement>("input:not(:disabled)")?.focus();
    },
  };
}
