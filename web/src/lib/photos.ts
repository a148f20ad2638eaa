/**
 * Photos in the storefront: what a picked file really is (its first bytes, not its
 * name), the checks before anything is sent, the upload straight to S3 with progress,
 * and the pictures themselves (card thumb, face), built with attributes only.
 */

import type { FacePhoto, Photo } from "../../../shared/photos.ts";
import { MAX_PHOTO_BYTES, type PHOTO_TYPES, THUMB } from "../../../shared/photos.ts";
import { h } from "./dom.ts";

type PhotoType = (typeof PHOTO_TYPES)[number];

/** The type a file's first bytes say it is (JPEG, PNG, WebP), or null: a renamed `.exe` is not a photo. */
export async function sniffType(file: Blob): Promise<PhotoType | null> {
  const b = new Uint8Array(await file.slice(0, 12).arrayBuffer());
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return "image/png";
  const ascii = String.fromCharCode(...b);
  if (ascii.startsWith("RIFF") && ascii.slice(8, 12) === "WEBP") return "image/webp";
  return null;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Why a picked file cannot go up, in plain words, or its type when it can. */
export async function checkPhoto(
  file: File,
): Promise<{ ok: true; type: PhotoType } | { ok: false; message: string }> {
  if (file.size > MAX_PHOTO_BYTES)
    return {
      ok: false,
      message: `这张照片有 ${mb(file.size)}，超过了 ${mb(MAX_PHOTO_BYTES)}。请换一张，或在手机上把照片调小一些再传。`,
    };
  if (file.size === 0) return { ok: false, message: "这个文件是空的，请换一张照片。" };
  const type = await sniffType(file);
  if (!type) return { ok: false, message: "这个文件不是照片。请选一张 JPEG、PNG 或 WebP 格式的照片。" };
  return { ok: true, type };
}

/** POST the file to the presigned form, reporting progress (0–1); resolves with S3's status. */
export function uploadToS3(
  upload: { url: string; fields: Record<string, string> },
  file: Blob,
  onProgress: (fraction: number) => void,
): Promise<number> {
  return new Promise((resolve) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(upload.fields)) form.append(k, v);
    form.append("file", file);
    const xhr = new XMLHttpRequest();
    xhr.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener("load", () => resolve(xhr.status));
    xhr.addEventListener("error", () => resolve(0));
    xhr.open("POST", upload.url);
    xhr.send(form);
  });
}

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
