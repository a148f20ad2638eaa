/**
 * One resident on a session's roster: who, their status, the masked phone; 接受 for
 * a request; for an accepted booking the 核销码 box (a form, so 回车 completes) and
 * 查看联系方式 (the audited POST /api/bookings/{id}/contact, as in the inbox).
 */
import { bookingsAccept, bookingsComplete, bookingsContact } from "../../../../shared/routes.ts";
import type { Booking } from "../../../../shared/schemas.ts";
import { CompleteInput } from "../../../../shared/schemas.ts";
import { call } from "../../lib/client.ts";
import { h } from "../../lib/dom.ts";
import { STATUS_LABEL } from "../../lib/format.ts";
import { went } from "../msg.ts";
import { outcomeBox, tell, wentBeside } from "../outcome.ts";
import { workerLines } from "./worker-lines.ts";

export interface RowHooks {
  /** The hours each completion records (the roster's one select). */
  hours(): number;
  /** After a change: reload the roster; `completed` moves on to the next resident. */
  changed(completed?: string): Promise<void>;
}

const name = (b: Booking) => b.residentName ?? "居民";

export async function accept(b: Booking): Promise<boolean> {
  return went(await call(bookingsAccept, { params: { id: b.id } }));
}

function completeForm(b: Booking, hooks: RowHooks): HTMLFormElement {
  const id = `code-${b.id}`;
  const code = h("input", {
    id,
    class: "code-input",
    inputmode: "numeric",
    maxlength: 6,
    autocomplete: "off",
    "aria-describedby": `who-${b.id}`,
  });
  const form = h(
    "form",
    { class: "complete-form", novalidate: true },
    h("label", { for: id }, `${name(b)}的核销码（6 位数字）`),
    code,
    h("button", { type: "submit", class: "primary" }, "完成核销"),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const body = { hours: hooks.hours(), code: code.value.trim() };
    if (!CompleteInput.safeParse(body).success) {
      tell(b.id, "核销码是 6 位数字，请向居民询问", "err");
      return code.focus();
    }
    if (!wentBeside(b.id, await call(bookingsComplete, { params: { id: b.id }, body }))) return code.select();
    tell(b.id, `已完成核销：${name(b)}，记录 ${body.hours} 小时`);
    await hooks.changed(b.id);
  });
  return form;
}

function revealButton(b: Booking, out: HTMLElement): HTMLButtonElement {
  const reveal = h("button", { type: "button" }, "查看联系方式");
  reveal.addEventListener("click", async () => {
    const res = await call(bookingsContact, { params: { id: b.id } });
    if (!wentBeside(b.id, res) || !res.ok) return;
    out.textContent = `联系电话：${res.data.phone}${res.data.address ? ` · 地址：${res.data.address}` : ""}`;
    reveal.hidden = true;
  });
  return reveal;
}

export function rosterRow(b: Booking, n: number, hooks: RowHooks): HTMLLIElement {
  const status =
    b.status === "waitlisted" ? `候补第 ${b.waitlistPosition ?? "?"} 位` : STATUS_LABEL[b.status];
  const contact = h("p", { class: "contact" });
  const li = h(
    "li",
    { class: `card-box roster-row${b.status === "completed" ? " done" : ""}`, "data-booking": b.id },
    h(
      "h3",
      { id: `who-${b.id}` },
      `${n}. ${name(b)}`,
      h("span", { class: "tag" }, b.status === "completed" ? "已核销 ✓" : status),
    ),
    h("p", {}, `电话：${b.phone}`),
    b.note ? h("p", { class: "muted" }, `留言：${b.note}`) : null,
    ...workerLines(b),
    contact,
  );
  if (b.status === "requested") {
    const btn = h("button", { type: "button", class: "primary" }, "接受");
    btn.addEventListener("click", async () => {
      if (!wentBeside(b.id, await call(bookingsAccept, { params: { id: b.id } }))) return;
      tell(b.id, `已接受：${name(b)}`);
      await hooks.changed();
    });
    li.append(h("div", { class: "row" }, btn));
  }
  if (b.status === "accepted")
    li.append(completeForm(b, hooks), h("div", { class: "row" }, revealButton(b, contact)));
  // What this row's buttons did, right under them
  li.append(outcomeBox(b.id));
  return li;
}
