/** A community worker's booking as its volunteer sees it (the inbox, a session's roster). */
import type { Booking } from "../../../../shared/schemas.ts";
import { h } from "../../lib/dom.ts";

/**
 * What the community worker knows, on a booking they made for a resident: that they
 * made it (the resident may have no smartphone: call, do not expect a reply in the
 * app), and the note from the registration (耳背，独居…) once the volunteer has accepted.
 */
export function workerLines(b: Booking): (HTMLElement | null)[] {
  if (!b.bookedBy) return [];
  const who = `${b.bookedBy.community ?? ""}社区工作者 ${b.bookedBy.name}`;
  return [
    h(
      "p",
      { class: "notice warn booked-by" },
      `居委会代约：${who} 替居民预约的，居民可能没有智能手机，请打电话联系。`,
    ),
    b.residentNote
      ? h("p", { class: "resident-note" }, `居委会备注：${b.residentNote}`)
      : b.status === "requested"
        ? h("p", { class: "muted" }, "接单后可以看到居委会登记的备注（如有）。")
        : null,
  ];
}
