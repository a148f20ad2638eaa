/** The service page's photos (components/service/ServiceHeader.astro): full size, one per swipe, with a counter. */
import type { Photo } from "../../../../shared/photos.ts";
import { $, h } from "../../lib/dom.ts";

export function renderGallery(photos: readonly Photo[]): void {
  if (!photos.length) return;
  $("#pic").hidden = true;
  const box = $("#gallery-box");
  const gallery = $("#gallery");
  const count = $("#gallery-count");
  // The first photo is the page's largest paint: fetched at once, first. The others wait until it
  // has come (or she swipes), so on a slow phone line they do not share its bandwidth.
  const imgs = photos.map((p, i) =>
    h("img", {
      src: i === 0 ? p.full : null,
      alt: p.alt,
      width: 1600,
      height: 1200,
      fetchpriority: i === 0 ? "high" : null,
      loading: i === 0 ? null : "lazy",
      decoding: "async",
    }),
  );
  const rest = () => {
    imgs.forEach((img, i) => {
      if (i > 0 && !img.hasAttribute("src")) img.src = photos[i]?.full ?? "";
    });
  };
  const [first] = imgs;
  if (first) {
    first.addEventListener("load", rest, { once: true });
    first.addEventListener("error", rest, { once: true });
  }
  gallery.addEventListener("scroll", rest, { once: true, passive: true });
  gallery.replaceChildren(...imgs.map((img) => h("figure", {}, img)));
  const say = () => {
    const i = Math.round(gallery.scrollLeft / Math.max(1, gallery.clientWidth));
    count.textContent = photos.length > 1 ? `第 ${i + 1} 张，共 ${photos.length} 张 · 左右滑动看更多` : "";
  };
  gallery.addEventListener("scroll", say, { passive: true });
  say();
  box.hidden = false;
}
