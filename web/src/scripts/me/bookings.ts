/** 我加入的服务 on 我的预约 (components/me/MyBookings.astro): each booking with its next step and actions. */
import {
  bookingsCalendar,
  bookingsCancel,
  bookingsConfirm,
  bookingsShare,
  bookingsUnshare,
  meBookings,
} from "../../../../shared/routes.ts";
import type { Booking } from "../../../../shared/schemas.ts";
import { servedFrom } from "../../../../shared/served.ts";
import { type CallError, call } from "../../lib/client.ts";
import { completionCode } from "../../lib/code.ts";
import { $, download, h } from "../../lib/dom.ts";
import { day, STATUS_LABEL } from "../../lib/format.ts";
import { bookingWords } from "../../lib/say-words.ts";
import { sessionWhen } from "../../lib/sessions.ts";
import { readAloudButton } from "../../lib/speak.ts";
import { say } from "../msg.ts";
import { reviewForm } from "./review-form.ts";

function nextStep(b: Booking): string {
  switch (b.status) {
    case "requested":
      return "正在等志愿者确认，确认后会通知您（一般 48 小时内）。";
    case "accepted":
      return "志愿者会按约定联系您。服务做完时，把下面的核销码告诉志愿者。";
    case "waitlisted":
      return `您在候补第 ${b.waitlistPosition ?? "?"} 位。有人取消时自动递补，会通知您。`;
    case "completed":
      return b.reviewed ? "服务已完成，谢谢您的评价。" : "服务已完成。请给志愿者打个分吧。";
    case "declined":
      return `志愿者这次不能来${b.declineReason ? `：${b.declineReason}` : ""}。可以看看其他服务。`;
    case "cancelled":
      return "您已取消这次预约。";
    case "expired":
      return "志愿者 48 小时内没有回应，预约已自动结束。可以再试试其他服务。";
    case "no_show":
      return "志愿者按约来了，但没能见到您。没关系，需要的话可以再预约。";
  }
}

/** After an action: say how it went, and show the list as it now is. */
async function after(res: { ok: true } | { ok: false; error: CallError }, done: string) {
  if (!res.ok) return say(res.error.message, "err");
  say(done);
  await loadBookings();
}

/**
 * 给家人看: the booking's read-only link (its share key, never the 核销码), to the phone's
 * share sheet, or else shown under the button pressed (with 复制链接), where the eye is.
 */
async function shareWithFamily(b: Booking, button: HTMLButtonElement) {
  const res = await call(bookingsShare, { params: { id: b.id } });
  if (!res.ok) return say(res.error.message, "err");
  const url = `${location.origin}${res.data.path}`;
  const text = `${b.listingTitle}：我的预约，点开就能看`;
  if (navigator.share) {
    try {
      return await navigator.share({ title: b.listingTitle, text, url });
    } catch {
      // Closed without sharing, or not allowed here: show the link instead.
    }
  }
  const copy = h("button", { type: "button" }, "复制链接");
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(url);
      copy.textContent = "已复制";
    } catch {
      copy.textContent = "请长按链接复制";
    }
  });
  const stop = h("button", { type: "button" }, "停止分享");
  const box = h(
    "div",
    { class: "notice ok share-link", role: "status" },
    h("p", {}, "把这个链接发给家人，他们不用登录就能看这次预约："),
    h("p", {}, h("a", { href: url }, url)),
    h("div", { class: "row" }, copy, stop),
  );
  stop.addEventListener("click", async () => {
    const res = await call(bookingsUnshare, { params: { id: b.id } });
    if (!res.ok) return say(res.error.message, "err");
    box.replaceChildren(h("p", {}, "已停止分享：发出去的链接打不开了。再点“给家人看”会生成新链接。"));
  });
  const row = button.closest(".row");
  row?.parentElement?.querySelector(".share-link")?.remove();
  row?.after(box);
}

function actions(b: Booking): HTMLElement | null {
  const row = h("div", { class: "row" });
  // 朗读 this booking: its status, time and 核销码 digit by digit, nothing else on the page.
  const read = live(b) ? readAloudButton(() => bookingWords(b)) : null;
  if (read) row.append(read);
  // Only from the service's time (shared/served.ts): an upcoming visit has nothing to confirm yet.
  if (b.status === "accepted" && servedFrom(b) <= Date.now()) {
    const confirm = async () =>
      after(await call(bookingsConfirm, { params: { id: b.id }, body: {} }), "已确认完成，谢谢！");
    row.append(
      h(
        "button",
        { type: "button", class: "primary", onclick: () => void confirm() },
        "志愿者已服务，确认完成",
      ),
    );
  }
  if (b.status === "requested" || b.status === "waitlisted" || b.status === "accepted") {
    if (b.startsAt) {
      const ics = async () => {
        const res = await call(bookingsCalendar, { params: { id: b.id } });
        if (res.ok) download(res.data, `${b.listingTitle}.ics`);
        else say(res.error.message, "err");
      };
      row.append(h("button", { type: "button", onclick: () => void ics() }, "加到手机日历"));
    }
    const share = h("button", { type: "button" }, "给家人看");
    share.addEventListener("click", () => void shareWithFamily(b, share));
    row.append(share);
    const cancel = h("button", { type: "button" }, "取消预约");
    cancel.addEventListener("click", async () => {
      if (!cancel.dataset.armed) {
        cancel.dataset.armed = "1";
        cancel.textContent = "确定取消？再点一次";
        return;
      }
      await after(await call(bookingsCancel, { params: { id: b.id } }), "已取消预约。");
    });
    row.append(cancel);
  }
  return row.childElementCount ? row : null;
}

function bookingItem(b: Booking): HTMLLIElement {
  const showCode = b.completionCode && (b.status === "accepted" || b.status === "requested");
  const review = () =>
    reviewForm(
      b,
      (res) => void after(res, "谢谢您的评价！"),
      (text) => say(text, "err"),
    );
  return h(
    "li",
    { class: `card-box booking s-${b.status}`, "data-booking": b.id },
    // A need's booking (群众点单) has no service page: its title is what she asked for.
    h(
      "h3",
      {},
      b.needId
        ? `我的需求：${b.listingTitle}`
        : h("a", { href: `/service/?id=${encodeURIComponent(b.listingId)}` }, b.listingTitle),
    ),
    h("p", {}, h("span", { class: `tag status ${b.status}` }, STATUS_LABEL[b.status])),
    b.startsAt ? h("p", {}, h("strong", {}, `时间：${sessionWhen({ startsAt: b.startsAt })}`)) : null,
    h("p", { class: "next" }, nextStep(b)),
    showCode ? completionCode(b.completionCode ?? "") : null,
    h(
      "p",
      { class: "muted" },
      `预约于 ${day(b.createdAt)}${b.preferredTime ? ` · 希望时间：${b.preferredTime}` : ""}`,
    ),
    b.status === "completed" && !b.reviewed ? review() : null,
    actions(b),
  );
}

/**
 * On top: what is still to happen (requested, accepted, waitlisted) and a completed
 * visit still to be rated; the rest (rated, declined, cancelled, expired, no-show) is
 * folded under 以前的预约 (a notification at the top of the page says what just changed).
 */
export const live = (b: Booking): boolean =>
  b.status === "requested" ||
  b.status === "accepted" ||
  b.status === "waitlisted" ||
  (b.status === "completed" && !b.reviewed);

export async function loadBookings(): Promise<void> {
  const res = await call(meBookings);
  if (!res.ok) return say(res.error.message, "err");
  const items = res.data.items;
  const current = items.filter(live);
  const past = items.filter((b) => !live(b));
  $("#bookings").replaceChildren(
    ...(current.length
      ? current.map(bookingItem)
      : [
          h(
            "li",
            { class: "card-box" },
            past.length ? "您现在没有进行中的预约。" : "您还没有加入任何服务。",
            h("a", { href: "/" }, "去首页挑一个"),
          ),
        ]),
  );
  const box = $("#past-box");
  box.hidden = past.length === 0;
  $("#past-count").textContent = `（${past.length}）`;
  $("#past").replaceChildren(...past.map(bookingItem));
}
