/** 我的服务 (components/volunteer/MyListings.astro): my listings, their status actions and reviews to answer. */
import { listingsUpdate, reviewsList, reviewsReply, volunteerListings } from "../../../../shared/routes.ts";
import type { Listing, Review } from "../../../../shared/schemas.ts";
import { call } from "../../lib/client.ts";
import { $, h } from "../../lib/dom.ts";
import { starRow } from "../../lib/format.ts";
import { say, went } from "../msg.ts";
import { photosBlock } from "./photos.ts";
import { sessionsBlock } from "./sessions.ts";

const STATUS_WORD: Record<Listing["status"], string> = {
  draft: "草稿",
  published: "已上架",
  paused: "已暂停",
  closed: "已结束",
};

let edit: (l: Listing) => void = () => undefined;

async function setStatus(l: Listing, status: Listing["status"], done: string) {
  if (!went(await call(listingsUpdate, { params: { id: l.id }, body: { status } }))) return;
  say(done);
  await loadMine();
}

function reviewBlock(r: Review): HTMLElement {
  const box = h(
    "div",
    { class: "review" },
    h(
      "p",
      {},
      h("span", { class: "stars", "aria-label": `${r.stars} 星` }, starRow(r.stars)),
      ` ${r.residentName}：${r.comment || "（没有写评语）"}`,
    ),
  );
  if (r.reply) {
    box.append(h("p", { class: "muted" }, `我的回复：${r.reply}`));
    return box;
  }
  const id = `reply-${r.id}`;
  const text = h("input", { id, maxlength: 500 });
  const send = h("button", { type: "button" }, "发送回复");
  send.addEventListener("click", async () => {
    if (!text.value.trim()) return text.focus();
    if (!went(await call(reviewsReply, { params: { id: r.id }, body: { text: text.value.trim() } }))) return;
    say("已回复");
    await loadMine();
  });
  box.append(h("label", { for: id }, "回复这条评价"), text, send);
  return box;
}

function statusActions(l: Listing): HTMLElement[] {
  if (l.status === "closed") return [];
  const close = h("button", { type: "button" }, "结束服务");
  close.addEventListener("click", () => {
    if (close.dataset.armed) return void setStatus(l, "closed", "已结束");
    close.dataset.armed = "1";
    close.textContent = "确定结束？再点一次";
  });
  const live = l.status === "published";
  // An admin's pause sticks (API.md v1.2): only an admin can put it back on show.
  if (l.adminPause) return [h("button", { type: "button", onclick: () => edit(l) }, "编辑"), close];
  return [
    h("button", { type: "button", onclick: () => edit(l) }, "编辑"),
    h(
      "button",
      {
        type: "button",
        onclick: () => void setStatus(l, live ? "paused" : "published", live ? "已暂停" : "已上架"),
      },
      live ? "暂停" : "上架",
    ),
    close,
  ];
}

function mineItem(l: Listing): HTMLLIElement {
  const li = h(
    "li",
    { class: "card-box", "data-listing": l.id },
    h("h3", {}, h("a", { href: `/service/?id=${encodeURIComponent(l.id)}` }, l.title)),
    h(
      "p",
      {},
      h("span", { class: "tag" }, STATUS_WORD[l.status]),
      ` 已报名 ${l.seatsTaken}/${l.capacity} · 候补 ${l.waitlistCount} · 已服务 ${l.completedCount} 次`,
    ),
    ...(l.adminPause
      ? [
          h(
            "p",
            { class: "notice warn admin-pause", role: "note" },
            `区管理员已暂停这项服务，原因：${l.adminPause.reason}。修改后请联系区管理员恢复上架。`,
          ),
        ]
      : []),
    h("div", { class: "row" }, ...statusActions(l)),
  );
  if (l.schedule) li.append(sessionsBlock(l, l.schedule));
  li.append(photosBlock(l, loadMine));
  if (l.ratingCount) {
    const reviews = h("div", {});
    li.append(reviews);
    void call(reviewsList, { params: { id: l.id } }).then((res) => {
      if (res.ok) reviews.replaceChildren(...res.data.items.map(reviewBlock));
    });
  }
  return li;
}

export async function loadMine(): Promise<void> {
  const res = await call(volunteerListings);
  if (!went(res) || !res.ok) return;
  const items = res.data.items;
  $("#mine").replaceChildren(
    ...(items.length
      ? items.map(mineItem)
      : [h("li", { class: "muted" }, "还没有发布服务，在下面发布第一个吧。")]),
  );
}

/** `startEdit`: open a listing in the form (components/volunteer/ListingForm.astro). */
export function mountMine(startEdit: (l: Listing) => void): Promise<void> {
  edit = startEdit;
  return loadMine();
}
