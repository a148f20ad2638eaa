/** 预约请求 (components/volunteer/Inbox.astro): bookings on my listings, newest first, by status. */
import { volunteerBookings } from "../../../../shared/routes.ts";
import type { Booking } from "../../../../shared/schemas.ts";
import { BookingStatus } from "../../../../shared/schemas.ts";
import { call } from "../../lib/client.ts";
import { $, control, h } from "../../lib/dom.ts";
import { day, STATUS_LABEL } from "../../lib/format.ts";
import { sessionWhen } from "../../lib/sessions.ts";
import { went } from "../msg.ts";
import { outcomeBox } from "../outcome.ts";
import { acceptedActions, requestActions } from "./booking-actions.ts";
import { releaseAction } from "./release-need.ts";
import { workerLines } from "./worker-lines.ts";

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
    // Seat hoarding (issue 19.4): shown so the volunteer can call ahead; it never stops a booking.
    b.residentLateCancels
      ? h(
          "p",
          { class: "notice warn late-cancels" },
          `提示：这位居民有 ${b.residentLateCancels} 次在开始前 2 小时内取消，可以提前打电话确认一下`,
        )
      : null,
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
  // A need's booking (群众点单) may be given back (退单).
  const release = releaseAction(b, li, loadInbox);
  if (release) buttons.push(release);
  if (buttons.length) li.append(h("div", { class: "row" }, ...buttons));
  // What the buttons did, right under them
  li.append(outcomeBox(b.id));
  return li;
}

export async function loadInbox(): Promise<void> {
  const status = BookingStatus.safeParse(control("inbox-filter", HTMLSelectElement).value);
  const res = await call(volunteerBookings, { query: status.success ? { status: status.data } : {} });
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
