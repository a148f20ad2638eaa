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
import type { Listing, Review } from "../../../../shared/schemas.ts";
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

/** A review with 隐藏此评价 (or 已隐藏); `hidden` reloads the listing's panel. */
function reviewItem(r: Review, msg: HTMLElement, hidden: () => Promise<void>) {
  const hide = async () => {
    const res = await call(adminHideReview, { params: { id: r.id }, body: {} });
    if (!res.ok) return notice(msg, res.error.message, "err");
    notice(msg, "评价已隐藏");
    await hidden();
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

/** The photos residents see of a listing: its own and its volunteer's face. */
async function listingPhotos(listing: Listing): Promise<ReturnType<typeof shownPhotos>> {
  const shop = await call(volunteersGet, { params: { id: listing.volunteer.id }, fresh: true });
  return shownPhotos(listing.photos, shop.ok ? shop.data.volunteer.photo : undefined, listing.volunteer.name);
}

/** 暂停 with a reason and 恢复上架 for the listing on show (`current`). */
function wirePauseResume(
  msg: HTMLElement,
  current: () => string | null,
  on: { paused: () => Promise<void>; reload: (id: string) => Promise<void> },
) {
  const reason = control("pause-reason", HTMLInputElement);
  $("#mod-pause").addEventListener("submit", async (e) => {
    e.preventDefault();
    const id = current();
    if (!id) return;
    const res = await call(adminPauseListing, { params: { id }, body: { reason: reason.value } });
    if (!res.ok) return notice(msg, res.error.message, "err");
    notice(msg, "服务已暂停，志愿者会看到暂停原因");
    reason.value = "";
    await on.paused();
  });
  // An admin's pause sticks until an admin lifts it (API.md v1.2 "Trust and safety").
  $("#mod-resume").addEventListener("click", async () => {
    const id = current();
    if (!id) return;
    const res = await call(adminResumeListing, { params: { id } });
    if (!res.ok) return notice(msg, res.error.message, "err");
    await on.reload(id);
    notice(msg, "服务已恢复上架，居民又能看到并报名了");
    await on.paused();
  });
}

export function mountModeration(paused: () => Promise<void>) {
  const msg = $("#mod-msg");
  const idInput = control("mod-id", HTMLInputElement);
  let current: string | null = null;
  const again = async () => {
    if (current) await moderate(current);
  };

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
    const photos = listing.ok ? await listingPhotos(listing.data) : [];
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
    listOr(
      $("#mod-reviews"),
      reviews.data.items.map((r) => reviewItem(r, msg, again)),
    );
    result.hidden = false;
  }

  $("#mod-find").addEventListener("submit", (e) => {
    e.preventDefault();
    void moderate(idInput.value);
  });
  wirePauseResume(msg, () => current, { paused, reload: moderate });
  return { moderate: (id: string) => void moderate(id) };
}
