/** Fill the service page's header, seat line and volunteer box from the listing. */
import type { Listing } from "../../../../shared/schemas.ts";
import { $, control, h } from "../../lib/dom.ts";
import { categoryOf, dateTime, KIND_LABEL, MODE_LABEL, seats, stars } from "../../lib/format.ts";
import { faceBox } from "../../lib/photos.ts";
import { serviceWords } from "../../lib/say-words.ts";
import { scheduleText } from "../../lib/sessions.ts";
import { placeWords } from "../../lib/where-words.ts";
import { renderGallery } from "./gallery.ts";

export function renderHeader(l: Listing): void {
  const cat = categoryOf(l.category);
  document.title = `${l.title} · 网淘`;
  const crumb = control("crumb-cat", HTMLAnchorElement);
  crumb.textContent = cat?.name ?? "";
  crumb.href = `/category/${l.category}/`;
  $("#pic").textContent = cat?.icon ?? "🤝";
  renderGallery(l.photos);
  $("#title").textContent = l.title;
  const s = seats(l);
  $("#tags").replaceChildren(
    h("span", { class: "tag" }, KIND_LABEL[l.kind]),
    h("span", { class: "tag" }, MODE_LABEL[l.mode]),
    h("span", { class: "tag" }, l.community),
    l.schedule
      ? h("span", { class: "tag" }, `每场 ${l.schedule.capacity} 位`)
      : h("span", { class: s.full ? "tag full" : "tag left" }, s.text),
  );
  if (l.startsAt) {
    const when = $("#when");
    when.hidden = false;
    when.textContent = `活动时间：${dateTime(l.startsAt)}${l.endsAt ? ` 至 ${dateTime(l.endsAt)}` : ""}`;
  }
  if (l.schedule) {
    const when = $("#when");
    when.hidden = false;
    when.textContent = `活动时间：${scheduleText(l.schedule)}`;
  }
  if (l.mode === "venue") {
    const place = $("#place");
    place.hidden = false;
    place.textContent = `地点：${placeWords({ address: "" }, l)}`;
  }
  $("#rating").textContent = stars(l.ratingAvg, l.ratingCount);
  $("#served").textContent = l.completedCount ? `已服务 ${l.completedCount} 次` : "";
  $("#desc").textContent = l.description || "志愿者没有写更多介绍。";
  $("#vol-name").textContent = l.volunteer.name;
  $("#vol-face").replaceChildren(faceBox(l.volunteer.name, undefined));
  control("shop-link", HTMLAnchorElement).href = `/shop/?id=${encodeURIComponent(l.volunteer.id)}`;
  control("poster-link", HTMLAnchorElement).href = `/poster/?service=${encodeURIComponent(l.id)}`;
  $("#seats-line").textContent = seatLine(l);
  // What 朗读 reads: the service, not the page.
  $("#service").dataset.say = serviceWords(l);
}

function seatLine(l: Listing): string {
  const s = seats(l);
  const cap =
    l.kind === "event" ? `共 ${l.capacity} 个名额，已报名 ${l.seatsTaken} 人` : `可同时接待 ${l.capacity} 户`;
  if (l.status !== "published") return "这项服务暂停了，暂时不能加入。";
  if (l.schedule) return "每一场各有名额。选好日期再加入；那一场满了可以候补。";
  if (s.full && l.kind === "on_demand") return `${cap}，现在暂满，可以稍后再来看看。`;
  if (s.full) return `${cap}。名额已满，现在加入将排入候补，有人取消时按顺序递补。`;
  return `${cap}。`;
}
