/**
 * 内容管理 (components/admin/Moderation.astro): find a listing, pause it with a reason or
 * resume it, hide one of its photos or its volunteer's face with a reason, hide a review.
 */
import {
  adminHideReview,
  adminPauseListing,
  adminResumeListing,
  listingsGet,
  reviewsList,
  volunteersGet,
} from "../../../../shared/routes.ts";
import type { Review } from "../../../../shared/schemas.ts";
import { call } from "../../lib/client.ts";
import { $, control, h, notice } from "../../lib/dom.ts";
import { starRow } from "../../lib/format.ts";
import { photoItem, shownPhotos } from "./photo-moderation.ts";
import { listOr } from "./unmet.ts";

/** A listing id from an id or a pasted service link (…/service/?id=…). */
function idFrom(text: string): string {
  const t = text.trim();
  try {
    return new URL(t, location.origin).searchParams.get("id") ?? t;
  } catch {
    return t;
  }
}

export function mountModeration(paused: () => Promise<void>) {
  const msg = $("#mod-msg");
  const idInput = control("mod-id", HTMLInputElement);
  const reason = control("pause-reason", HTMLInputElement);
  let current: string | null = null;

  function reviewItem(r: Review) {
    const hide = async () => {
      const res = await call(adminHideReview, { params: { id: r.id }, body: {} });
      if (!res.ok) return notice(msg, res.error.message, "err");
      notice(msg, "评价已隐藏");
      if (current) await moderate(current);
    };
    return h(
      "li",
      { "data-review": r.id },
      h(
        "p",
        {},
        h("span", { class: "stars", "aria-label": `${r.stars} 星` }, starRow(r.stars)),
        ` ${r.residentName}：${r.comment || "（无文字）"}`,
      ),
      r.hidden
        ? h("span", { class: "tag" }, "已隐藏")
        : h("button", { type: "button", onclick: () => void hide() }, "隐藏此评价"),
    );
  }

  async function moderate(raw: string) {
    const id = idFrom(raw);
    idInput.value = id;
    $("#moderation").scrollIntoView();
    msg.replaceChildren();
    current = id;
    const result = $("#mod-result");
    const reviews = await call(reviewsList, { params: { id } });
    if (!reviews.ok) {
      result.hidden = true;
      return notice(msg, reviews.error.message, "err");
    }
    const listing = await call(listingsGet, { params: { id }, fresh: true });
    $("#mod-title").textContent = listing.ok
      ? listing.data.title
      : reviews.data.items[0]?.listingTitle || `服务 ${id}（已暂停或未公开）`;
    // The photos residents see: the listing's and its volunteer's face.
    const shop = listing.ok
      ? await call(volunteersGet, { params: { id: listing.data.volunteer.id }, fresh: true })
      : null;
    const photos = listing.ok
      ? shownPhotos(
          listing.data.photos,
          shop?.ok ? shop.data.volunteer.photo : undefined,
          listing.data.volunteer.name,
        )
      : [];
    listOr(
      $("#mod-photos"),
      photos.map((p) =>
        photoItem(p, async () => {
          await moderate(id);
          notice(msg, `${p.label}已隐藏，网站上不再显示，志愿者会收到通知和原因`);
          // Its button is gone with it: the keyboard goes on from the photos' heading.
          $("#mod-photos-h").focus();
        }),
      ),
    );
    listOr($("#mod-reviews"), reviews.data.items.map(reviewItem));
    result.hidden = false;
  }

  $("#mod-find").addEventListener("submit", (e) => {
    e.preventDefault();
    void moderate(idInput.value);
  });
  $("#mod-pause").addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!current) return;
    const res = await call(adminPauseListing, {
      params: { id: current },
      body: { reason: reason.value },
    });
    if (!res.ok) return notice(msg, res.error.message, "err");
    notice(msg, "服务已暂停，志愿者会看到暂停原因");
    reason.value = "";
    await paused();
  });
  // An admin's pause sticks until an admin lifts it (API.md v1.2 "Trust and safety").
  $("#mod-resume").addEventListener("click", async () => {
    if (!current) return;
    const res = await call(adminResumeListing, { params: { id: current } });
    if (!res.ok) return notice(msg, res.error.message, "err");
    await moderate(current);
    notice(msg, "服务已恢复上架，居民又能看到并报名了");
    await paused();
  });
  return { moderate: (id: string) => void moderate(id) };
}
