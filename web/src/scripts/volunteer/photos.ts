/** A listing's photos in 我的服务 (scripts/volunteer/my-listings.ts): add (≤ 6), reorder, describe, delete. */
import { MAX_PHOTOS, type Photo } from "../../../../shared/photos.ts";
import {
  listingsGet,
  listingsPhotoDelete,
  listingsPhotoUpload,
  listingsUpdate,
} from "../../../../shared/routes.ts";
import type { Listing } from "../../../../shared/schemas.ts";
import { call } from "../../lib/client.ts";
import { h } from "../../lib/dom.ts";
import { thumbImg } from "../../lib/photos.ts";
import { say, went } from "../msg.ts";
import { photoPicker } from "./photo-upload.ts";

async function saveOrder(
  l: Listing,
  photos: { id: string; alt: string }[],
  done: string,
  reload: () => Promise<void>,
) {
  if (!went(await call(listingsUpdate, { params: { id: l.id }, body: { photos } }))) return;
  say(done);
  await reload();
}

function photoItem(l: Listing, p: Photo, i: number, reload: () => Promise<void>): HTMLLIElement {
  const order = () => l.photos.map((x) => ({ id: x.id, alt: x.alt }));
  const move = (by: number) => {
    const next = order();
    const [moved] = next.splice(i, 1);
    if (moved) next.splice(i + by, 0, moved);
    void saveOrder(l, next, "照片顺序已调整", reload);
  };
  const altId = `alt-${p.id}`;
  const alt = h("input", { id: altId, value: p.alt, maxlength: 100 });
  alt.addEventListener("change", () => {
    const next = order();
    const mine = next[i];
    if (mine) mine.alt = alt.value.trim();
    void saveOrder(l, next, "照片说明已保存", reload);
  });
  const del = h("button", { type: "button" }, "删除");
  del.addEventListener("click", async () => {
    if (!del.dataset.armed) {
      del.dataset.armed = "1";
      del.textContent = "确定删除？再点一次";
      return;
    }
    if (!went(await call(listingsPhotoDelete, { params: { id: l.id, photoId: p.id } }))) return;
    say("照片已删除");
    await reload();
  });
  return h(
    "li",
    { class: "photo-item", "data-photo": p.id },
    h("span", { class: "photo-thumb" }, thumbImg(p, false)),
    h("label", { for: altId }, `第 ${i + 1} 张的说明（读屏软件会读出）`),
    alt,
    h(
      "div",
      { class: "row" },
      i > 0 ? h("button", { type: "button", onclick: () => move(-1) }, "往前放") : null,
      i < l.photos.length - 1 ? h("button", { type: "button", onclick: () => move(1) }, "往后放") : null,
      del,
    ),
  );
}

export function photosBlock(l: Listing, reload: () => Promise<void>): HTMLElement {
  const box = h(
    "div",
    { class: "photos-box" },
    h("h4", {}, `照片（${l.photos.length}/${MAX_PHOTOS}）`),
    l.photos.length
      ? h("ul", { class: "plain photo-list" }, ...l.photos.map((p, i) => photoItem(l, p, i, reload)))
      : h("p", { class: "muted" }, "还没有照片。有照片的服务，居民更容易放心。"),
  );
  if (l.status !== "closed" && l.photos.length < MAX_PHOTOS)
    box.append(
      photoPicker({
        id: `photo-file-${l.id}`,
        label: "添加照片（拍照或从相册选）",
        ask: (contentType, bytes) =>
          call(listingsPhotoUpload, { params: { id: l.id }, body: { contentType, bytes } }),
        shown: async (photoId) => {
          const res = await call(listingsGet, { params: { id: l.id }, fresh: true });
          return res.ok && res.data.photos.some((p) => p.id === photoId);
        },
        // The list is drawn again with the new photo: the page's status line says it.
        done: async () => {
          await reload();
          say("照片已经放好了。");
        },
      }),
    );
  return box;
}
