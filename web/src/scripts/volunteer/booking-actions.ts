/** What a volunteer can do with one booking in the inbox: accept, decline with a reason, 核销, see the contact. */
import {
  bookingsAccept,
  bookingsComplete,
  bookingsContact,
  bookingsDecline,
  bookingsNoShow,
} from "../../../../shared/routes.ts";
import type { Booking } from "../../../../shared/schemas.ts";
import { CompleteInput } from "../../../../shared/schemas.ts";
import { call } from "../../lib/client.ts";
import { h } from "../../lib/dom.ts";
import { tell, wentBeside } from "../outcome.ts";
import { reasonButton } from "./reason-button.ts";

function hoursSelect(id: string): HTMLSelectElement {
  const s = h("select", { id });
  for (let x = 0.5; x <= 12; x += 0.5) s.append(h("option", { value: x, selected: x === 2 }, `${x} 小时`));
  return s;
}

/** Accept and decline (with a reason), for a request. `li` gets the reason box. */
export function requestActions(b: Booking, li: HTMLElement, changed: () => Promise<void>): HTMLElement[] {
  const accept = h("button", { type: "button", class: "primary" }, "接受");
  accept.addEventListener("click", async () => {
    if (!wentBeside(b.id, await call(bookingsAccept, { params: { id: b.id } }))) return;
    tell(b.id, `已接单：${b.listingTitle}`);
    await changed();
  });
  const decline = reasonButton({
    li,
    id: `reason-${b.id}`,
    label: "婉拒",
    confirm: "确认婉拒",
    boxLabel: "婉拒原因",
    placeholder: "如：这周外出，下周可以",
    empty: () => tell(b.id, "请写一句婉拒原因", "err"),
    send: async (reason) => {
      const res = await call(bookingsDecline, { params: { id: b.id }, body: { reason } });
      if (!wentBeside(b.id, res)) return;
      tell(b.id, "已婉拒");
      await changed();
    },
  });
  return [accept, decline];
}

/** 完成核销 with the resident's code and the hours, and 查看联系方式, for an accepted booking. */
export function acceptedActions(b: Booking, li: HTMLElement, completed: () => Promise<void>): HTMLElement[] {
  const codeId = `code-${b.id}`;
  const hoursId = `hours-${b.id}`;
  const code = h("input", { id: codeId, inputmode: "numeric", maxlength: 6, autocomplete: "off" });
  const hours = hoursSelect(hoursId);
  const contact = h("p", { class: "contact" });
  li.append(
    contact,
    h("label", { for: codeId }, "居民的核销码（6 位数字）"),
    code,
    h("label", { for: hoursId }, "服务时长"),
    hours,
  );

  const complete = h("button", { type: "button", class: "primary" }, "完成核销");
  complete.addEventListener("click", async () => {
    const body = { hours: Number(hours.value), code: code.value.trim() };
    if (!CompleteInput.shape.code.safeParse(body.code).success) {
      tell(b.id, "核销码是 6 位数字，请向居民询问", "err");
      code.focus();
      return;
    }
    if (!wentBeside(b.id, await call(bookingsComplete, { params: { id: b.id }, body }))) {
      code.select();
      return;
    }
    tell(b.id, `已完成核销：${b.listingTitle}，记录 ${hours.value} 小时`);
    await completed();
  });
  const reveal = h("button", { type: "button" }, "查看联系方式");
  reveal.addEventListener("click", async () => {
    const res = await call(bookingsContact, { params: { id: b.id } });
    if (!wentBeside(b.id, res) || !res.ok) return;
    contact.textContent = `联系电话：${res.data.phone}${res.data.address ? ` · 地址：${res.data.address}` : ""}`;
  });
  return [complete, reveal, ...(noShowDue(b) ? [noShowButton(b, completed)] : [])];
}

/** Whether its time has come (the API's rule: the start, or 2 h after acceptance without one; it decides). */
function noShowDue(b: Booking): boolean {
  const due = b.startsAt ? Date.parse(b.startsAt) : Date.parse(b.acceptedAt ?? "") + 2 * 3_600_000;
  return Date.now() >= due;
}

/** 居民未到: pressed twice (no pop-up); the resident is told kindly and may book again. */
function noShowButton(b: Booking, changed: () => Promise<void>): HTMLElement {
  const button = h("button", { type: "button" }, "居民未到");
  button.addEventListener("click", async () => {
    if (!button.dataset.armed) {
      button.dataset.armed = "1";
      button.textContent = "确认居民未到？再按一次";
      return;
    }
    if (!wentBeside(b.id, await call(bookingsNoShow, { params: { id: b.id } }))) return;
    tell(b.id, `已记为居民未到：${b.listingTitle}`);
    await changed();
  });
  return button;
}
