/** 预约单 (pages/staff/slip): the booking (as the worker who made it) and its listing, printed on A6. */
import {
  bookingsGet,
  bookingsShare,
  communitiesList,
  listingsGet,
  needsGet,
} from "../../../../shared/routes.ts";
import { committeeOf } from "../../../../shared/schemas.ts";
import { nextStep, whenOrAgreed } from "../../lib/booking-words.ts";
import { call } from "../../lib/client.ts";
import { $, control, param } from "../../lib/dom.ts";
import { qrSvg } from "../../lib/qr.ts";
import { endOf, HOW_WORDS, placeWords, untilWords } from "../../lib/where-words.ts";
import { gate } from "../gate.ts";

/** The family's link to this booking (its share key, never the 核销码); the service page if it cannot be had. */
async function familyLink(id: string, listingId: string): Promise<{ url: string; caption: string }> {
  const shared = await call(bookingsShare, { params: { id } });
  return shared.ok
    ? { url: `${location.origin}${shared.data.path}`, caption: "家人用手机扫一扫，看这次预约" }
    : {
        url: `${location.origin}/service/?id=${encodeURIComponent(listingId)}`,
        caption: "家人用手机扫一扫，看服务详情",
      };
}

async function show() {
  const id = param("id");
  const state = $("#state");
  if (!id) {
    state.textContent = "缺少预约编号。";
    return;
  }
  const b = await call(bookingsGet, { params: { id } });
  if (!b.ok) {
    state.textContent = b.error.message;
    return;
  }
  const booking = b.data;
  // A need's booking (群众点单) has no listing: its community and volunteer are the need's.
  const [l, need, family, communities] = await Promise.all([
    booking.needId ? null : call(listingsGet, { params: { id: booking.listingId } }),
    booking.needId ? call(needsGet, { params: { id: booking.needId } }) : null,
    familyLink(booking.id, booking.listingId),
    call(communitiesList, { fresh: true }),
  ]);
  const served = l?.ok
    ? { community: l.data.community, volunteer: l.data.volunteer.name }
    : need?.ok
      ? { community: need.data.community, volunteer: need.data.claimedBy?.name ?? "" }
      : undefined;
  const committee = served
    ? committeeOf({ bookedBy: booking.bookedBy, community: served.community })
    : booking.bookedBy?.community;
  const phone = communities.ok ? communities.data.items.find((c) => c.name === committee)?.phone : undefined;
  $("#s-title").textContent = booking.listingTitle;
  $("#s-resident").textContent = booking.residentName ?? "";
  const listing = l?.ok ? l.data : undefined;
  $("#s-when").textContent =
    whenOrAgreed(booking) + (listing ? untilWords(booking.startsAt, endOf(booking, listing)) : "");
  $("#s-how").textContent = listing ? HOW_WORDS[listing.mode] : need?.ok ? HOW_WORDS[need.data.mode] : "";
  $("#s-place").textContent = listing ? placeWords(booking, listing) : booking.address;
  $("#s-community").textContent = served?.community ?? "";
  $("#s-volunteer").textContent = served?.volunteer ?? "";
  $("#s-code").textContent = booking.completionCode ?? "";
  $("#s-next").textContent = nextStep(booking.status);
  $("#s-phone").textContent = phone ?? "（请在社区工作台填写居委会电话）";
  $("#s-qr").replaceChildren(qrSvg(family.url, `二维码：${family.caption}`));
  const link = control("s-qr-link", HTMLAnchorElement);
  link.href = family.url;
  link.textContent = family.caption;
  state.hidden = true;
  $("#slip").hidden = false;
}

if (gate(["staff"], `/staff/slip/${location.search}`, () => "预约单由社区工作者打印。")) {
  control("print", HTMLButtonElement).addEventListener("click", () => window.print());
  void show();
}
