/** 预约请求 (components/volunteer/Inbox.astro): bookings on my listings, newest first, by status. */
import type { Booking } from "../../../../shared/schemas.ts";
import { BookingStatus } from "../../../../shared/schemas.ts";
import { call } from "../../lib/client.ts";
import { $, control, h } from "../../lib/dom.ts";
import { day, STATUS_LABEL } from "../../lib/format.ts";
import { sessionWhen } from "../../lib/sessions.ts";
import { went } from "../msg.ts";
import { outcomeBox } from "../outcome.ts";
import { acceptedActions, requestActions } from "./booking-actions.ts";

/**
 * What the community worker knows, on a booking they made for a resident: that they
 * made it (the resident may have no smartphone: call, do not expect a reply in the
 * app), and the note from the registration (耳背，独居…) once the volunteer has accepted.
 */
function workerLines(b: Booking): (HTMLElement | null)[] {
  if (!b.bookedBy) return [];
  const who = `${b.bookedBy.community ?? ""}社区工作者 ${b.bookedBy.name}`;
  return [
    h(
      "p",
      { class: "notice warn booked-by" },
      `居委会代约：${who} 替居民预约的，居民可能没有智能手机，请打电话联系。`,
    ),
    b.residentNote
      ? h("p", { class: "contact resident-note" }, `居委会备注：${b.residentNote}`)
      : b.status === "requested"
        ? h("p", { class: "muted" }, "接单后可以看到居委会登记的备注（如有）。")
        : null,
  ];
}

let afterComplete: () => Promise<void> = async () => undefined;

function inboxItem(b: Booking): HTMLLIElement {
  const li = h(
    "li",
    { class: "card-box", "data-booking": b.id },
    h("h3", {}, b.listingTitle),
    h(
      "p",
      {},
      h("span", { class: "tag" }, STATUS_LABEL[b.status]),
      ` 居民：${b.residentName ?? "居民"} · ${day(b.createdAt)}`,
    ),
    b.startsAt ? h("p", {}, h("strong", {}, `场次：${sessionWhen({ startsAt: b.startsAt })}`)) : null,
    h("p", {}, `电话：${b.phone}${b.address ? ` · 地址：${b.address}` : ""}`),
    b.preferredTime ? h("p", {}, `希望时间：${b.preferredTime}`) : null,
    b.note ? h("p", { class: "muted" }, `留言：${b.note}`) : null,
    ...workerLines(b),
  );
  const buttons =
    b.status === "requested"
      ? requestActions(b, li, loadInbox)
      : b.status === "accepted"
        ? acceptedActions(b, li, async () => {
            await Promise.all([loadInbox(), afterComplete()]);
          })
        : [];
  if (buttons.length) li.append(h("div", { class: "row" }, ...buttons));
  // What the buttons did, right under them
  li.append(outcomeBox(b.id));
  return li;
}

export async function loadInbox(): Promise<void> {
  const status = BookingStatus.safeParse(control("inbox-filter", HTMLSelectElement).value);
  const res = await call("volunteer/bookings", { query: status.success ? { status: status.data } : {} });
  if (!went(res) || !res.ok) return;
  const items = res.data.items;
  $("#inbox").replaceChildren(
    ...(items.length ? items.map(inboxItem) : [h("li", { class: "muted" }, "暂时没有预约。")]),
  );
}

/** `completed`: what else to refresh once a booking is completed (my listings' figures). */
export function mountInbox(completed: () => Promise<void>): Promise<void> {
  afterComplete = completed;
  control("inbox-filter", HTMLSelectElement).addEventListener("change", () => void loadInbox());
  return loadInbox();
}
