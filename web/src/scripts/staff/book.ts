/**
 * 第二步 and 第三步 of the worker's console: find the service (and, for a scheduled
 * one, the session), book it for the chosen resident, and offer the slip to print.
 */

import { whenWords } from "../../../../shared/clock.ts";
import { bookingsCreate, listingsList, listingsSessions } from "../../../../shared/routes.ts";
import type { Listing } from "../../../../shared/schemas.ts";
import { call } from "../../lib/client.ts";
import { $, control, h } from "../../lib/dom.ts";
import { STATUS_LABEL } from "../../lib/format.ts";
import { say } from "../msg.ts";
import { chosenResident } from "./residents.ts";
import { serviceFacts } from "./service-facts.ts";

function serviceRow(l: Listing, booked: () => void) {
  const li = h(
    "li",
    {},
    h("span", {}, h("span", { class: "who" }, l.title), ` · ${l.community} · 志愿者 ${l.volunteer.name}`),
  );
  // The next date and seats left, before a tap
  const facts = h("span", { class: "svc-facts" });
  li.append(facts);
  void serviceFacts(l).then((text) => {
    facts.textContent = text;
  });
  const book = h("button", { type: "button", class: "primary" }, "预约");
  book.addEventListener(
    "click",
    () => void (l.schedule ? pickSession(l, li, booked) : bookFor(l, undefined, booked)),
  );
  li.append(book);
  return li;
}

async function pickSession(l: Listing, li: HTMLElement, booked: () => void) {
  const res = await call(listingsSessions, { params: { id: l.id } });
  if (!res.ok) return say(res.error.message, "err");
  const open = res.data.items.filter((s) => s.status === "open").slice(0, 6);
  if (!open.length) return say("这项服务近期没有可预约的场次。", "warn");
  li.append(
    h(
      "div",
      { class: "row" },
      ...open.map((s) =>
        h(
          "button",
          { type: "button", onclick: () => void bookFor(l, s.id, booked) },
          `${whenWords(s.startsAt, { spaced: true })}（剩 ${Math.max(0, s.capacity - s.seatsTaken)} 位）`,
        ),
      ),
    ),
  );
}

async function bookFor(l: Listing, sessionId: string | undefined, booked: () => void) {
  const who = chosenResident();
  if (!who) return say("请先选择居民。", "warn");
  const res = await call(bookingsCreate, {
    params: { id: l.id },
    body: { onBehalfOf: who.id, ...(sessionId ? { sessionId } : {}) },
    headers: { "idempotency-key": `staff-${who.id}-${l.id}-${sessionId ?? ""}` },
  });
  if (!res.ok) return say(res.error.message, "err");
  const b = res.data;
  $("#step-done").hidden = false;
  $("#done").replaceChildren(
    h(
      "p",
      {},
      `已为 ${who.name} 预约「${b.listingTitle}」，状态：${STATUS_LABEL[b.status]}。核销码 `,
      h("strong", {}, b.completionCode ?? ""),
      "。",
    ),
    h(
      "a",
      { class: "btn btn-primary btn-big", href: `/staff/slip/?id=${encodeURIComponent(b.id)}` },
      "打印预约单",
    ),
  );
  say(`预约成功：${who.name} · ${b.listingTitle}`);
  booked();
}

/** The service search; `booked` runs after each booking made. */
export function mountBooking(booked: () => void): void {
  $("#svc").addEventListener("submit", (e) => {
    e.preventDefault();
    const q = control("svc-q", HTMLInputElement).value.trim();
    void call(listingsList, { query: { ...(q ? { q } : {}), limit: 10 } }).then((res) => {
      if (!res.ok) return say(res.error.message, "err");
      $("#services").replaceChildren(
        ...(res.data.items.length
          ? res.data.items.map((l) => serviceRow(l, booked))
          : [h("li", {}, "没有找到这项服务。")]),
      );
    });
  });
}
