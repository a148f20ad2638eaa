/** The service page's photos (components/service/ServiceHeader.astro): full size, one per swipe, with a counter. */
import { FULL_MAX, MEDIUM, type Photo } from "../../../../shared/photos.ts";
import { $, h } from "../../lib/dom.ts";

/**
 * A photo's source: a phone picks the medium rendition (fitting 800 × 600), a wide screen
 * the full one. Both fit the gallery's 4:3 box, so each is described by that box's width.
 */
function setSource(img: HTMLImageElement, p: Photo): void {
  if (p.medium) {
    img.srcset = `${p.medium} ${MEDIUM.width}w, ${p.full} ${FULL_MAX}w`;
    // The gallery spans the page's column: the screen on a phone, at most main's 64rem.
    img.sizes = "(min-width: 64rem) 62rem, 100vw";
  }
  img.src = p.full;
}

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
      alt: p.alt,
      width: 1600,
      height: 1200,
      fetchpriority: i === 0 ? "high" : null,
      loading: i === 0 ? null : "lazy",
      decoding: "async",
    }),
  );
  const [first] = imgs;
  const rest = () => {
    imgs.forEach((img, i) => {
      if (i > 0 && !img.hasAttribute("src")) setSource(img, photos[i] as Photo);
    });
  };
  if (first) {
    setSource(first, photos[0] as Photo);
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
