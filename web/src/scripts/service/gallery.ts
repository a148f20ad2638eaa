/** The service page's photos (components/service/ServiceHeader.astro): full size, one per swipe, with a counter. */
import type { Photo } from "../../../../shared/photos.ts";
import { $, h } from "../../lib/dom.ts";

export function renderGallery(photos: readonly Photo[]): void {
  if (!photos.length) return;
  $("#pic").hidden = true;
  const box = $("#gallery-box");
  const gallery = $("#gallery");
  const count = $("#gallery-count");
  gallery.replaceChildren(
    ...photos.map((p, i) =>
      h(
        "figure",
        {},
        h("img", {
          src: p.full,
          alt: p.alt,
          width: 1600,
          height: 1200,
          loading: i === 0 ? null : "lazy",
          decoding: "async",
        }),
      ),
    ),
  );
  const say = () => {
    const i = Math.round(gallery.scrollLeft / Math.max(1, gallery.clientWidth));
    count.textContent = photos.length > 1 ? `第 ${i + 1} 张，共 ${photos.length} 张 · 左右滑动看更多` : "";
  };
  gallery.addEventListener("scroll", say, { passive: true });
  say();
  box.hidden = false;
}
