/**
 * Listing photos and volunteers' faces (API.md v1.2 "Photos"): the limits, the
 * bucket layout and the schemas of the upload, the stored photo and moderation,
 * once for the API, the processing function, the infrastructure and the storefront.
 */
import * as z from "zod";

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
/** The thumb (cards) is cropped to this box; the full photo fits inside FULL_MAX. */
export const THUMB = { width: 480, height: 360 } as const;
export const FULL_MAX = 1600;
/**
 * The gallery's phone-sized rendition (Lighthouse with photos): it fits the gallery's 4:3 box
 * at 800 × 600, enough for a phone's screen at twice its pixels, a third of the full photo's bytes.
 */
export const MEDIUM = { width: 800, height: 600 } as const;
/** Decoded pixels at most: more is a decompression bomb (sharp's limitInputPixels). A 48 MP phone fits. */
export const MAX_INPUT_PIXELS = 50_000_000;

const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

export const PhotoUploadInput = z
  .strictObject({
    contentType: z.enum(PHOTO_TYPES, { message: "只能上传 JPEG、PNG 或 WebP 格式的照片" }),
    bytes: z
      .int({ message: "请告诉我们照片的大小（字节数）" })
      .min(1, { message: "照片是空的，请换一张" })
      .max(MAX_PHOTO_BYTES, { message: `照片不能超过 ${mb(MAX_PHOTO_BYTES)}，请换一张或先压缩` }),
  })
  .meta({ id: "PhotoUploadInput" });
export type PhotoUploadInput = z.infer<typeof PhotoUploadInput>;

/** The presigned POST: the browser sends `fields` and then the file (as `file`) to `url`. */
export const PhotoUpload = z
  .object({
    photoId: z.string(),
    upload: z.object({ url: z.string(), fields: z.record(z.string(), z.string()) }),
  })
  .meta({ id: "PhotoUpload" });
export type PhotoUpload = z.infer<typeof PhotoUpload>;

/** A processed photo as shown: URLs on the site's own origin. */
export const Photo = z
  .object({
    id: z.string(),
    thumb: z.string(),
    full: z.string(),
    alt: z.string(),
    /** Within MEDIUM, for phones (the gallery's srcset); photos processed before it have none. */
    medium: z.string().optional(),
  })
  .meta({ id: "Photo" });
export type Photo = z.infer<typeof Photo>;

/** A volunteer's face. */
export const FacePhoto = z
  .object({ id: z.string(), thumb: z.string(), full: z.string() })
  .meta({ id: "FacePhoto" });
export type FacePhoto = z.infer<typeof FacePhoto>;

/** PATCH /api/listings/{id} `photos`: every photo of the listing, in the order wanted, each with its alt text. */
export const PhotoOrder = z
  .array(
    z.strictObject({
      id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "无效的编号"),
      alt: z
        .string()
        .transform((s) => s.trim())
        .refine((s) => [...s].length <= 100, { message: "照片说明最多 100 个字" }),
    }),
  )
  .max(MAX_PHOTOS, { message: `每项服务最多 ${MAX_PHOTOS} 张照片` });

export const PhotoParams = z.strictObject({
  photoId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "无效的编号"),
});
export const ListingPhotoParams = PhotoParams.extend({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "无效的编号"),
});
export const PhotoHideInput = z.strictObject({
  reason: z
    .string()
    .transform((s) => s.trim())
    .refine((s) => [...s].length >= 1 && [...s].length <= 200, { message: "请写明原因（1–200 个字）" }),
});

/** The served path of a processed photo. */
export const photoUrl = (key: string) => `/${key}`;
