/**
 * What a photo becomes, with sharp: turned upright from its EXIF orientation, every
 * metadata block dropped (EXIF with its GPS location, XMP, ICC, IPTC: sharp writes none
 * unless asked), a WebP thumb cropped to 480 × 360 for the cards, a WebP medium photo
 * within 800 × 600 for phones' galleries and a WebP full photo within 1600 px. A file that is not a JPEG, PNG or WebP, or decodes to more pixels than
 * MAX_INPUT_PIXELS (a decompression bomb), is refused. Pure: bytes in, bytes out.
 */
import { createHash } from "node:crypto";
import sharp, { type Metadata, type Sharp } from "sharp";
import { FULL_MAX, MAX_INPUT_PIXELS, MEDIUM, THUMB } from "../../../shared/photos.ts";

export type RefusalReason = "not_image" | "too_many_pixels";

export class PhotoRefused extends Error {
  readonly reason: RefusalReason;
  constructor(reason: RefusalReason, cause?: unknown) {
    super(`photo refused: ${reason}`, { cause });
    this.name = "PhotoRefused";
    this.reason = reason;
  }
}

export interface Rendition {
  data: Buffer;
  width: number;
  height: number;
  /** The first 16 hex digits of its SHA-256: the content-addressed name. */
  hash: string;
}

const FORMATS = new Set(["jpeg", "png", "webp"]);
const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" } as const;

async function webp(pipeline: Sharp, quality: number): Promise<Rendition> {
  const { data, info } = await pipeline.webp({ quality, effort: 4 }).toBuffer({ resolveWithObject: true });
  return {
    data,
    width: info.width,
    height: info.height,
    hash: createHash("sha256").update(data).digest("hex").slice(0, 16),
  };
}

const tooManyPixels = (err: unknown) => /pixel limit/i.test(String((err as Error)?.message));

export async function renderPhoto(
  input: Buffer,
): Promise<{ thumb: Rendition; medium: Rendition; full: Rendition }> {
  let meta: Metadata;
  try {
    // Reads the header only: a bomb is caught before a pixel is decoded.
    meta = await sharp(input, options).metadata();
  } catch (err) {
    throw new PhotoRefused(tooManyPixels(err) ? "too_many_pixels" : "not_image", err);
  }
  if (!meta.format || !FORMATS.has(meta.format) || !meta.width || !meta.height)
    throw new PhotoRefused("not_image");
  if (meta.width * meta.height * (meta.pages ?? 1) > MAX_INPUT_PIXELS)
    throw new PhotoRefused("too_many_pixels");
  const upright = sharp(input, options).autoOrient();
  try {
    const [thumb, medium, full] = await Promise.all([
      webp(upright.clone().resize(THUMB.width, THUMB.height, { fit: "cover" }), 72),
      webp(
        upright.clone().resize(MEDIUM.width, MEDIUM.height, { fit: "inside", withoutEnlargement: true }),
        75,
      ),
      webp(upright.clone().resize(FULL_MAX, FULL_MAX, { fit: "inside", withoutEnlargement: true }), 80),
    ]);
    return { thumb, medium, full };
  } catch (err) {
    // Decoding the pixels failed: a truncated or forged file, or more pixels than allowed.
    throw new PhotoRefused(tooManyPixels(err) ? "too_many_pixels" : "not_image", err);
  }
}
