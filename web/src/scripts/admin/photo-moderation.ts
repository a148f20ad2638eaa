/**
 * 照片 in 内容管理 (components/admin/Moderation.astro): the listing's photos and its
 * volunteer's face, each with 隐藏. The reason box opens in place (no pop-up), the reason
 * is required, and 确认隐藏 calls POST /api/admin/photos/{photoId}/hide: the photo leaves
 * the storefront and the bucket, and the volunteer is told why.
 */
import type { FacePhoto, Photo } from "../../../../shared/photo-views.ts";
import { THUMB } from "../../../../shared/photo-views.ts";
import { adminHidePhoto } from "../../../../shared/routes.ts";
import { call } from "../../lib/client.ts";
import { h } from "../../lib/dom.ts";

/** A photo as the admin sees it: its thumb and what it is (服务照片 n, or 志愿者头像). */
interface Shown {
  id: string;
  thumb: string;
  label: string;
  alt: string;
}

export function shownPhotos(photos: readonly Photo[], face: FacePhoto | undefined, name: string): Shown[] {
  return [
    ...photos.map((p, i) => ({
      id: p.id,
      thumb: p.thumb,
      label: `服务照片 第 ${i + 1} 张`,
      alt: p.alt ? `服务照片：${p.alt}` : `服务照片 第 ${i + 1} 张`,
    })),
    ...(face ? [{ id: face.id, thumb: face.thumb, label: "志愿者头像", alt: `${name}的头像` }] : []),
  ];
}

/** One photo with its 隐藏 button; `hidden` runs once it is hidden (the panel reloads and says so). */
export function photoItem(p: Shown, hidden: () => Promise<void>): HTMLLIElement {
  const box = h("div", { class: "hide-photo-box" });
  const open = h(
    "button",
    { type: "button", "aria-label": `隐藏${p.label}`, "data-hide-photo": p.id },
    "隐藏这张照片",
  );
  open.addEventListener("click", () => {
    const reasonId = `hide-photo-${p.id}`;
    const hintId = `${reasonId}-hint`;
    const reason = h("textarea", {
      id: reasonId,
      name: "reason",
      required: true,
      maxlength: 200,
      rows: 3,
      "aria-describedby": hintId,
    });
    const err = h("p", { class: "hide-photo-err", role: "alert" });
    reason.addEventListener("input", () => {
      err.textContent = "";
    });
    const cancel = h("button", { type: "button" }, "不隐藏了");
    const form = h(
      "form",
      { class: "hide-photo" },
      h("label", { for: reasonId }, "隐藏的原因（志愿者会看到）"),
      reason,
      h(
        "p",
        { id: hintId, class: "muted" },
        "请说清楚、说客气，比如：照片里能看到门牌号，为了安全先隐藏，换一张就好。",
      ),
      err,
      h("p", { class: "row" }, h("button", { type: "submit", class: "primary" }, "确认隐藏"), cancel),
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const why = reason.value.trim();
      if (!why) {
        err.textContent = "请写下隐藏的原因，志愿者会看到。";
        reason.focus();
        return;
      }
      const res = await call(adminHidePhoto, { params: { photoId: p.id }, body: { reason: why } });
      if (!res.ok) {
        err.textContent = res.error.message;
        return;
      }
      await hidden();
    });
    cancel.addEventListener("click", () => {
      box.replaceChildren(open);
      open.focus();
    });
    box.replaceChildren(form);
    reason.focus();
  });
  box.append(open);
  return h(
    "li",
    { "data-photo": p.id },
    h("img", {
      src: p.thumb,
      alt: p.alt,
      width: THUMB.width,
      height: THUMB.height,
      loading: "lazy",
      decoding: "async",
    }),
    h("p", { class: "photo-label" }, p.label),
    box,
  );
}
