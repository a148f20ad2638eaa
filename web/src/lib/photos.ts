/**
 * Photos in the storefront: the pictures themselves (card thumb, face), built with
 * attributes only. Picking and uploading one is lib/photo-upload.ts (the volunteer's
 * pages only).
 */

import type { FacePhoto, Photo } from "../../../shared/photo-views.ts";
import { THUMB } from "../../../shared/photo-views.ts";
import { h } from "./dom.ts";

/**
 * A card's picture: the thumb, its box sized before it loads (nothing shifts). Lazy,
 * except the first screen's (`first`): those load at once and first, as the page's
 * largest paint.
 */
export function thumbImg(p: Photo, lazy = true, first = false): HTMLImageElement {
  return h("img", {
    src: p.thumb,
    alt: "",
    width: THUMB.width,
    height: THUMB.height,
    loading: lazy && !first ? "lazy" : null,
    fetchpriority: first ? "high" : null,
    decoding: "async",
  });
}

/** A volunteer's face in a round box of its own size; the surname stands in while there is none. */
export function faceBox(
  name: string,
  photo: FacePhoto | undefined,
  size: "small" | "large" = "small",
): HTMLElement {
  const box = h("span", { class: `face face-${size}` });
  if (photo)
    box.append(
      h("img", { src: photo.thumb, alt: `${name}的照片`, width: 480, height: 360, decoding: "async" }),
    );
  else box.append(h("span", { "aria-hidden": "true" }, [...name][0] ?? "志"));
  return box;
}
