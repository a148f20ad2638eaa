/** 退单 for a need's booking (群众点单) in the inbox: give the need back with a reason; it is open again for another. */
import { needsRelease } from "../../../../shared/routes.ts";
import type { Booking } from "../../../../shared/schemas.ts";
import { call } from "../../lib/client.ts";
import { h } from "../../lib/dom.ts";
import { say, went } from "../msg.ts";

export function releaseAction(b: Booking, li: HTMLElement, changed: () => Promise<void>): HTMLElement | null {
  const needId = b.needId;
  if (!needId || b.status !== "accepted") return null;
  const reasonId = `release-${b.id}`;
  const reason = h("input", { id: reasonId, maxlength: 200, placeholder: "如：临时有事，去不了" });
  const box = h("div", { hidden: true }, h("label", { for: reasonId }, "退单原因（居民会看到）"), reason);
  const release = h("button", { type: "button" }, "退单");
  release.addEventListener("click", async () => {
    if (box.hidden) {
      box.hidden = false;
      reason.focus();
      release.textContent = "确认退单";
      return;
    }
    if (!reason.value.trim()) {
      say("请写一句退单原因", "err");
      return reason.focus();
    }
    if (!went(await call(needsRelease, { params: { id: needId }, body: { reason: reason.value.trim() } })))
      return;
    say(`已退单：${b.listingTitle}。需求回到需求大厅，其他志愿者可以接。`);
    await changed();
  });
  li.append(box);
  return release;
}
