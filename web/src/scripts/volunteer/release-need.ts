/** 退单 for a need's booking (群众点单) in the inbox: give the need back with a reason; it is open again for another. */
import { needsRelease } from "../../../../shared/routes.ts";
import type { Booking } from "../../../../shared/schemas.ts";
import { call } from "../../lib/client.ts";
import { say, went } from "../msg.ts";
import { reasonButton } from "./reason-button.ts";

export function releaseAction(b: Booking, li: HTMLElement, changed: () => Promise<void>): HTMLElement | null {
  const needId = b.needId;
  if (!needId || b.status !== "accepted") return null;
  return reasonButton({
    li,
    id: `release-${b.id}`,
    label: "退单",
    confirm: "确认退单",
    boxLabel: "退单原因（居民会看到）",
    placeholder: "如：临时有事，去不了",
    empty: () => say("请写一句退单原因", "err"),
    send: async (reason) => {
      if (!went(await call(needsRelease, { params: { id: needId }, body: { reason } }))) return;
      say(`已退单：${b.listingTitle}。需求回到需求大厅，其他志愿者可以接。`);
      await changed();
    },
  });
}
