/**
 * Photos as the API shows them (API.md v1.2 "Photos"): on every listing and shop, so
 * apart from the upload and moderation schemas of photos.ts, which re-exports them.
 */
import * as z from "zod/mini";

/** The thumb (cards) is cropped to this box: the cards size their pictures by it before they load. */
export const THUMB = { width: 480, height: 360 } as const;

/** A processed photo as shown: URLs on the site's own origin. */
export const Photo = z.object({
  id: z.string(),
  thumb: z.string(),
  full: z.string(),
  alt: z.string(),
  /** Within MEDIUM (photos.ts), for phones (the gallery's srcset); photos processed before it have none. */
  medium: z.optional(z.string()),
});
export type Photo = z.infer<typeof Photo>;

/** A volunteer's face. */
export const FacePhoto = z.object({ id: z.string(), thumb: z.string(), full: z.string() });
export type FacePhoto = z.infer<typeof FacePhoto>;
