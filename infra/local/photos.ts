/**
 * `/photos/*` on the local server, as CloudFront's `/photos/*` behaviour serves the
 * processed photos from the private bucket deployed: the object, its type, and the
 * year-long immutable cache-control of content-addressed names.
 */

import type { ServerResponse } from "node:http";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { PHOTO_CACHE_CONTROL, PHOTO_PREFIX } from "../../shared/photos.ts";

export const isPhotoPath = (pathname: string) => pathname.startsWith(`/${PHOTO_PREFIX}`);

export async function servePhoto(res: ServerResponse, pathname: string): Promise<void> {
  const { s3, photosBucket } = await import("../../functions/lib/s3.ts");
  const key = pathname.slice(1);
  if (!process.env.PHOTOS_BUCKET || !/^photos\/[A-Za-z0-9_-]+\/[0-9a-f]+\.webp$/.test(key)) {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
    return;
  }
  try {
    const obj = await s3.send(new GetObjectCommand({ Bucket: photosBucket(), Key: key }));
    const bytes = await (obj.Body?.transformToByteArray() ?? new Uint8Array());
    res.writeHead(200, {
      "content-type": obj.ContentType ?? "image/webp",
      "content-length": bytes.byteLength,
      "cache-control": PHOTO_CACHE_CONTROL,
    });
    res.end(bytes);
  } catch {
    res.writeHead(404, { "content-type": "text/plain", "cache-control": "no-store" });
    res.end("not found");
  }
}
