/**
 * 给家人看 (pages/b): the booking named by ?id= with its share key ?k=, through the
 * public route; no login. A link that is wrong, cut short or no longer valid says so
 * kindly, and the same whatever was wrong with it (the API answers one 404).
 */
import { bookingsShared } from "../../../../shared/routes.ts";
import type { SharedBooking } from "../../../../shared/schemas.ts";
import { nextStep, whenOrAgreed } from "../../lib/booking-words.ts";
import { call } from "../../lib/client.ts";
import { $, control, failState, h, param } from "../../lib/dom.ts";
import { STATUS_LABEL } from "../../lib/format.ts";

const LIVE: SharedBooking["status"][] = ["requested", "waitlisted", "accepted"];

function statusWords(b: SharedBooking): string {
  const label = STATUS_LABEL[b.status];
  return b.status === "waitlisted" && b.waitlistPosition ? `${label}（第 ${b.waitlistPosition} 位）` : label;
}

/** The cancel line with the 居委会's own number, one tap to call (the generic line stays otherwise). */
function callLine(phone: string) {
  return [
    "如需取消或改时间，请打居委会电话 ",
    h("a", { href: `tel:${phone.replace(/[^\d+]/g, "")}` }, phone),
    "；自己在网上约的，也可以在“我的预约”里取消。",
  ];
}

/** 加到我的手机日历: the family's own calendar file (no address, no 核销码), for a booking with a time. */
function calendarLink(b: SharedBooking, id: string, k: string) {
  if (!b.startsAt || !LIVE.includes(b.status)) return;
  const link = control("f-ics", HTMLAnchorElement);
  link.href = `/api/shared/bookings/${encodeURIComponent(id)}/calendar.ics?k=${encodeURIComponent(k)}`;
  link.hidden = false;
}

function render(b: SharedBooking) {
  document.title = `${b.listingTitle} · 预约 · 网淘`;
  $("#f-whose").textContent = `${b.residentName} 的预约`;
  $("#f-title").textContent = b.listingTitle;
  const status = $("#f-status");
  status.textContent = statusWords(b);
  status.dataset.status = b.status;
  if (!LIVE.includes(b.status) && b.status !== "completed") status.dataset.ended = "";
  $("#f-when").textContent = whenOrAgreed(b);
  $("#f-community").textContent = b.community;
  $("#f-volunteer").textContent = b.volunteerName;
  $("#f-next").textContent = nextStep(b.status);
  if (b.committeePhone) $("#f-call").replaceChildren(...callLine(b.committeePhone));
  control("f-service", HTMLAnchorElement).href = `/service/?id=${encodeURIComponent(b.listingId)}`;
  $("#state").hidden = true;
  $("#shared").hidden = false;
}

const BROKEN = "这个链接已失效或不完整";
const BROKEN_TEXT = "请再扫一次预约单上的二维码，或请家人重新发一次链接。有事请打居委会电话（见预约单）。";

const id = param("id");
const k = param("k");
if (!id || !k) failState(BROKEN, BROKEN_TEXT);
else {
  const res = await call(bookingsShared, { params: { id }, query: { k } });
  if (res.ok) {
    render(res.data);
    calendarLink(res.data, id, k);
  } else if (res.status === 404 || res.status === 400) failState(BROKEN, BROKEN_TEXT);
  else failState("暂时打不开这次预约", res.error.message);
}
