/**
 * Processing an upload (the S3 object-created event, deployed and locally alike): the
 * photo made upright, stripped and resized (image.ts), the renditions written under
 * the processed prefix with content-addressed names, recorded on the listing or the
 * volunteer's profile in one transaction with the photo's own move out of `pending`,
 * and the upload deleted. Refused files are deleted and the owner told. A repeated
 * event finds the photo no longer pending and changes nothing.
 */
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { keys } from "../../../shared/keys.ts";
import {
  MAX_PHOTOS,
  PHOTO_CACHE_CONTROL,
  PHOTO_PREFIX,
  photoUrl,
  UPLOAD_PREFIX,
} from "../../../shared/photos.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";
import { update, withCondition } from "../../lib/expr.ts";
import { photosBucket, s3 } from "../../lib/s3.ts";
import { getListingItem } from "../listings/read.ts";
import { getProfile } from "../people.ts";
import { transact } from "../transact.ts";
import { type PhotoRefused, type Rendition, renderPhoto } from "./image.ts";
import { deletePhotoObjects, getPhoto, type PhotoItem, tellOwner, uploadKey } from "./item.ts";
import { listingPhotosUpdate } from "./listing.ts";

export type Outcome = "processed" | "refused" | "skipped";

const REFUSAL_TEXT: Record<PhotoRefused["reason"] | "too_many_photos" | "no_listing", string> = {
  not_image: "您上传的文件不是照片（或已损坏），没有保存。请换一张 JPEG、PNG 或 WebP 照片再试。",
  too_many_pixels: "您上传的照片像素太多，无法处理，没有保存。请换一张或缩小后再试。",
  too_many_photos: "这项服务已有 6 张照片，新照片没有保存。请先删除一张再上传。",
  no_listing: "照片对应的服务已不存在，照片没有保存。",
};

const pendingCondition = (id: string) => ({
  TableName: TABLE_NAME,
  Key: keys.photo(id),
  ConditionExpression: "#status = :pending",
  ExpressionAttributeNames: { "#status": "status" },
  ExpressionAttributeValues: { ":pending": "pending" },
});

function photoUpdate(id: string, set: Record<string, unknown>) {
  const base = pendingCondition(id);
  return withCondition(
    update({ set }),
    base.ConditionExpression,
    base.ExpressionAttributeNames,
    base.ExpressionAttributeValues,
  );
}

async function readUpload(key: string): Promise<Buffer | null> {
  try {
    const res = await s3.send(new GetObjectCommand({ Bucket: photosBucket(), Key: key }));
    return Buffer.from(await (res.Body?.transformToByteArray() ?? new Uint8Array()));
  } catch (err) {
    if ((err as Error).name === "NoSuchKey" || (err as Error).name === "NotFound") return null;
    throw err;
  }
}

async function putRendition(photoId: string, r: Rendition): Promise<string> {
  const key = `${PHOTO_PREFIX}${photoId}/${r.hash}.webp`;
  await s3.send(
    new PutObjectCommand({
      Bucket: photosBucket(),
      Key: key,
      Body: r.data,
      ContentType: "image/webp",
      CacheControl: PHOTO_CACHE_CONTROL,
    }),
  );
  return photoUrl(key);
}

async function refuse(photo: PhotoItem, reason: keyof typeof REFUSAL_TEXT, now: Date): Promise<Outcome> {
  const at = now.toISOString();
  const refused = await transact([
    {
      tag: "pending",
      Update: {
        TableName: TABLE_NAME,
        Key: keys.photo(photo.id),
        ...photoUpdate(photo.id, { status: "refused", reason }),
      },
    },
  ]);
  if (!refused.ok) return "skipped";
  await deletePhotoObjects(photo);
  await releaseSlot(photo);
  await tellOwner(photo, "photo_refused", REFUSAL_TEXT[reason], at);
  return "refused";
}

/** A refused upload gives its listing slot back at once. */
async function releaseSlot(photo: PhotoItem): Promise<void> {
  if (photo.target !== "listing" || !photo.listingId) return;
  for (let attempt = 0; attempt < 3; attempt++) {
    const listing = await getListingItem(photo.listingId, true);
    if (!listing?.pendingPhotos.some((p) => p.id === photo.id)) return;
    const released = await transact([
      {
        tag: "listing",
        Update: listingPhotosUpdate(listing, {
          pendingPhotos: listing.pendingPhotos.filter((p) => p.id !== photo.id),
        }),
      },
    ]);
    if (released.ok) return;
  }
}

/** Record the processed photo where it belongs, once; `false` when the photo is no longer pending. */
async function record(
  photo: PhotoItem,
  urls: { thumb: string; medium: string; full: string },
  now: Date,
): Promise<Outcome> {
  for (let attempt = 0; ; attempt++) {
    const current = await getPhoto(photo.id);
    if (current?.status !== "pending") return "skipped";
    const ready = photoUpdate(photo.id, { status: "ready", ...urls, processedAt: now.toISOString() });
    const photoItem = { Update: { TableName: TABLE_NAME, Key: keys.photo(photo.id), ...ready } };
    let other: Record<string, unknown>;
    let replaced: { id: string; thumb: string; full: string } | undefined;
    if (photo.target === "listing") {
      const listing = photo.listingId ? await getListingItem(photo.listingId, true) : null;
      if (!listing) return refuse(photo, "no_listing", now);
      if (listing.photos.length >= MAX_PHOTOS) return refuse(photo, "too_many_photos", now);
      other = {
        Update: listingPhotosUpdate(listing, {
          photos: [...listing.photos, { id: photo.id, ...urls, alt: listing.title }],
          pendingPhotos: listing.pendingPhotos.filter((p) => p.id !== photo.id),
        }),
      };
    } else {
      const profile = await getProfile(photo.ownerId);
      replaced = profile?.photo;
      other = {
        Update: {
          TableName: TABLE_NAME,
          Key: keys.user(photo.ownerId),
          // A face is shown small: its thumb and full photo (the medium stays on its photo item, for removal).
          ...withCondition(
            update({ set: { photo: { id: photo.id, thumb: urls.thumb, full: urls.full } } }),
            "attribute_exists(pk)",
          ),
        },
      };
    }
    try {
      await ddb.send(new TransactWriteCommand({ TransactItems: [photoItem, other] }));
    } catch (err) {
      if ((err as Error).name === "TransactionCanceledException" && attempt < 3) continue;
      throw err;
    }
    if (replaced && replaced.id !== photo.id) await retireFace(replaced.id);
    return "processed";
  }
}

/** The face a new one replaced: marked deleted and removed from the bucket. */
async function retireFace(id: string): Promise<void> {
  const old = await getPhoto(id);
  if (!old) return;
  await ddb.send(
    new TransactWriteCommand({
      TransactItems: [
        { Update: { TableName: TABLE_NAME, Key: keys.photo(id), ...update({ set: { status: "deleted" } }) } },
      ],
    }),
  );
  await deletePhotoObjects(old);
}

export async function processUpload(key: string, now = new Date()): Promise<Outcome> {
  if (!key.startsWith(UPLOAD_PREFIX)) return "skipped";
  const id = key.slice(UPLOAD_PREFIX.length);
  const photo = await getPhoto(id);
  // Not ours, or done already (a repeated event): nothing to do, and nothing left to keep.
  if (!photo || photo.status !== "pending") {
    if (!photo) await deletePhotoObjects({ id });
    return "skipped";
  }
  const bytes = await readUpload(uploadKey(id));
  if (!bytes) return "skipped";
  const outcome = await processBytes(photo, bytes, now);
  // The upload has served its purpose; the renditions stay only if recorded (a repeat made the same names).
  await deletePhotoObjects({ id });
  return outcome;
}

/** A pending photo's bytes made into its renditions and recorded where it belongs (or refused). */
export async function processBytes(photo: PhotoItem, bytes: Buffer, now = new Date()): Promise<Outcome> {
  let rendered: Awaited<ReturnType<typeof renderPhoto>>;
  try {
    rendered = await renderPhoto(bytes);
  } catch (err) {
    if ((err as Error).name === "PhotoRefused") return refuse(photo, (err as PhotoRefused).reason, now);
    throw err;
  }
  const [thumb, medium, full] = await Promise.all([
    putRendition(photo.id, rendered.thumb),
    putRendition(photo.id, rendered.medium),
    putRendition(photo.id, rendered.full),
  ]);
  return record(photo, { thumb, medium, full }, now);
}
