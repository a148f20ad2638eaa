/**
 * 我代约的预约 on the worker's console: the bookings this worker made, with the slip,
 * and cancel / confirm / void a lost slip's QR code in two presses (no pop-up
 * dialog); and 本居委会电话.
 */
import { whenWords } from "../../../../shared/clock.ts";
import {
  bookingsCancel,
  bookingsConfirm,
  bookingsUnshare,
  communitiesList,
  staffBookings,
  staffCommunity,
} from "../../../../shared/routes.ts";
import { servedFrom } from "../../../../shared/served.ts";
import { call } from "../../lib/client.ts";
import { $, control, h } from "../../lib/dom.ts";
import { STATUS_LABEL } from "../../lib/format.ts";
import { say } from "../msg.ts";

/** A slip lost or given to the wrong person: its QR code opens nothing any more; a reprint gets a new one. */
async function voidQr(id: string) {
  const res = await call(bookingsUnshare, { params: { id } });
  if (!res.ok) return say(res.error.message, "err");
  say("旧预约单上的二维码已作废。点“预约单”重新打印，新单子上是新的二维码。");
}

async function act(id: string, action: "cancel" | "confirm") {
  const res =
    action === "cancel"
      ? await call(bookingsCancel, { params: { id } })
      : await call(bookingsConfirm, { params: { id }, body: {} });
  if (!res.ok) return say(res.error.message, "err");
  say(action === "cancel" ? "已取消。" : "已确认服务完成。");
  void loadMine();
}

/** A second press confirms: no pop-up dialog. */
function twoStep(label: string, sure: string, run: () => void) {
  const b = h("button", { type: "button" }, label);
  b.addEventListener("click", () => {
    if (b.dataset.armed) return run();
    b.dataset.armed = "1";
    b.textContent = sure;
  });
  return b;
}

export async function loadMine(): Promise<void> {
  const res = await call(staffBookings);
  const list = $("#mine");
  if (!res.ok) return list.replaceChildren(h("li", {}, res.error.message));
  if (!res.data.items.length) return list.replaceChildren(h("li", {}, "还没有代约的预约。"));
  list.replaceChildren(
    ...res.data.items.map((b) => {
      const live = b.status === "requested" || b.status === "accepted" || b.status === "waitlisted";
      return h(
        "li",
        {},
        h(
          "span",
          {},
          h("span", { class: "who" }, b.residentName ?? ""),
          ` · ${b.listingTitle} · ${STATUS_LABEL[b.status]}${b.startsAt ? ` · ${whenWords(b.startsAt, { spaced: true })}` : ""}`,
        ),
        h(
          "span",
          { class: "row" },
          h("a", { class: "btn", href: `/staff/slip/?id=${encodeURIComponent(b.id)}` }, "预约单"),
          live ? twoStep("取消", "确定取消？再按一次", () => void act(b.id, "cancel")) : null,
          live ? twoStep("作废二维码", "确定作废？再按一次", () => void voidQr(b.id)) : null,
          b.status === "accepted" && servedFrom(b) <= Date.now()
            ? twoStep("确认完成", "确定已服务？再按一次", () => void act(b.id, "confirm"))
            : null,
        ),
      );
    }),
  );
}

/** 本居委会电话: kept per community (every desk's slip and the family page show it), saved on change. */
export async function mountCommitteePhone(community: string | undefined): Promise<void> {
  const field = control("jwh-phone", HTMLInputElement);
  field.addEventListener("change", async () => {
    const saved = await call(staffCommunity, { body: { phone: field.value } });
    if (!saved.ok) return say(saved.error.message, "err");
    field.value = saved.data.phone;
    say(`已保存：${saved.data.community}的居委会电话 ${saved.data.phone}`);
  });
  const res = await call(communitiesList, { fresh: true });
  const mine = res.ok ? res.data.items.find((c) => c.name === community) : undefined;
  if (mine?.phone && !field.value) field.value = mine.phone;
}
