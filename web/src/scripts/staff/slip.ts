/** 预约单 (pages/staff/slip): the booking (as the worker who made it) and its listing, printed on A6. */
import { call } from "../../lib/client.ts";
import { $, control, param } from "../../lib/dom.ts";
import { qrSvg } from "../../lib/qr.ts";
import { gate } from "../gate.ts";
import { JWH_PHONE_KEY, whenOf } from "./slip-data.ts";

const NEXT: Record<string, string> = {
  requested: "志愿者确认后，会打电话或发短信告诉您。",
  waitlisted: "您在候补名单上，有人取消就轮到您，会发短信告诉您。",
  accepted: "志愿者已确认。服务前一天会发短信提醒您。",
  completed: "服务已完成，谢谢您。",
};

async function show() {
  const id = param("id");
  const state = $("#state");
  if (!id) {
    state.textContent = "缺少预约编号。";
    return;
  }
  const b = await call("bookings/get", { params: { id } });
  if (!b.ok) {
    state.textContent = b.error.message;
    return;
  }
  const l = await call("listings/get", { params: { id: b.data.listingId } });
  const booking = b.data;
  $("#s-title").textContent = booking.listingTitle;
  $("#s-resident").textContent = booking.residentName ?? "";
  $("#s-when").textContent = booking.startsAt
    ? whenOf(booking.startsAt)
    : booking.preferredTime || "志愿者会打电话和您约时间";
  $("#s-community").textContent = l.ok ? l.data.community : "";
  $("#s-volunteer").textContent = l.ok ? l.data.volunteer.name : "";
  $("#s-code").textContent = booking.completionCode ?? "";
  $("#s-next").textContent = NEXT[booking.status] ?? "这次预约已结束。";
  $("#s-phone").textContent = localStorage.getItem(JWH_PHONE_KEY) || "（请在社区工作台填写）";
  const target = `${location.origin}/service/?id=${encodeURIComponent(booking.listingId)}`;
  $("#s-qr").replaceChildren(qrSvg(target, `二维码：${booking.listingTitle}`));
  state.hidden = true;
  $("#slip").hidden = false;
}

if (gate(["staff"], `/staff/slip/${location.search}`, () => "预约单由社区工作者打印。")) {
  control("print", HTMLButtonElement).addEventListener("click", () => window.print());
  void show();
}
