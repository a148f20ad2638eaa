/**
 * Listing photos and volunteers' faces (API.md v1.2 "Photos"): the limits, the
 * bucket layout and the schemas of the upload, the stored photo and moderation,
 * once for the API, the processing function, the infrastructure and the storefront.
 */
import * as z from "zod/mini";

/** Photos per listing, and the largest upload S3 accepts (the presigned POST's content-length-range). */
export const MAX_PHOTOS = 6;
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
/** How long a presigned POST may be used, and how long an unprocessed upload holds a listing's slot. */
export const UPLOAD_EXPIRES_SECONDS = 600;
export const PENDING_SLOT_MS = 15 * 60_000;

/** The bucket's two prefixes: browsers' uploads (deleted after a day if never processed) and what is served. */
export const UPLOAD_PREFIX = "uploads/";
export const PHOTO_PREFIX = "photos/";
/** Processed names carry their content's hash: they never change, so they are cached for a year. */
export const PHOTO_CACHE_CONTROL = "public, max-age=31536000, immutable";
/** The thumb (cards) is cropped to THUMB (photo-views.ts); the full photo fits inside FULL_MAX. */
export const FULL_MAX = 1600;
/**
 * The gallery's phone-sized rendition (Lighthouse with photos): it fits the gallery's 4:3 box
 * at 800 × 600, enough for a phone's screen at twice its pixels, a third of the full photo's bytes.
 */
export const MEDIUM = { width: 800, height: 600 } as const;
/** Decoded pixels at most: more is a decompression bomb (sharp's limitInputPixels). A 48 MP phone fits. */
export const MAX_INPUT_PIXELS = 50_000_000;

const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

export const PhotoUploadInput = z.strictObject({
  contentType: z.enum(PHOTO_TYPES, { message: "只能上传 JPEG、PNG 或 WebP 格式的照片" }),
  bytes: z
    .int({ message: "请告诉我们照片的大小（字节数）" })
    .check(
      z.gte(1, { message: "照片是空的，请换一张" }),
      z.lte(MAX_PHOTO_BYTES, { message: `照片不能超过 ${mb(MAX_PHOTO_BYTES)}，请换一张或先压缩` }),
    ),
});
export type PhotoUploadInput = z.infer<typeof PhotoUploadInput>;

/** The presigned POST: the browser sends `fields` and then the file (as `file`) to `url`. */
export const PhotoUpload = z.object({
  photoId: z.string(),
  upload: z.object({ url: z.string(), fields: z.record(z.string(), z.string()) }),
});
export type PhotoUpload = z.infer<typeof PhotoUpload>;

// The photos as shown are in photo-views.ts (a listing's page loads them without the upload schemas).
export { FacePhoto, Photo, THUMB } from "./photo-views.ts";

/** PATCH /api/listings/{id} `photos`: every photo of the listing, in the order wanted, each with its alt text. */
export const PhotoOrder = z
  .array(
    z.strictObject({
      id: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, "无效的编号")),
      alt: z
        .pipe(
          z.string(),
          z.transform((s) => s.trim()),
        )
        .check(z.refine((s) => [...s].length <= 100, { message: "照片说明最多 100 个字" })),
    }),
  )
  .check(z.maxLength(MAX_PHOTOS, { message: `每项服务最多 ${MAX_PHOTOS} 张照片` }));

export const PhotoParams = z.strictObject({
  photoId: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, "无效的编号")),
});
export const ListingPhotoParams = z.extend(PhotoParams, {
  id: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, "无效的编号")),
});
export const PhotoHideInput = z.strictObject({
  reason: z
    .pipe(
      z.string(),
      z.transform((s) => s.trim()),
    )
    .check(
      z.refine((s) => [...s].length >= 1 && [...s].length <= 200, { message: "请写明原因（1–200 个字）" }),
    ),
});

/** The served path of a processed photo. */
export const photoUrl = (key: string) => `/${key}`;
