/**
 * A photo as stored: one item per upload (listing photo or volunteer's face), from the
 * moment the presigned POST is handed out to its end (processed, refused, deleted or
 * hidden), so the processing function, the owner's delete and an admin's hide all find
 * its owner and its objects by its id alone.
 */
import { DeleteObjectsCommand } from "@aws-sdk/client-s3";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod/mini";
import { keys } from "../../../shared/keys.ts";
import { UPLOAD_PREFIX } from "../../../shared/photos.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";
import { derivedId } from "../../lib/ids.ts";
import { photosBucket, s3 } from "../../lib/s3.ts";

export const PhotoStatus = z.enum(["pending", "ready", "refused", "deleted", "hidden"]);
export const PhotoItem = z.object({
  id: z.string(),
  ownerId: z.string(),
  /** A listing's photo, or the owner's face. */
  target: z.enum(["listing", "face"]),
  listingId: z.optional(z.string()),
  listingTitle: z._default(z.string(), ""),
  status: PhotoStatus,
  contentType: z.string(),
  bytes: z.number(),
  createdAt: z.string(),
  /** The served URLs once processed (`/photos/…`). */
  thumb: z.optional(z.string()),
  full: z.optional(z.string()),
  medium: z.optional(z.string()),
  reason: z.optional(z.string()),
});
export type PhotoItem = z.infer<typeof PhotoItem>;

export const uploadKey = (id: string) => `${UPLOAD_PREFIX}${id}`;
/** The object key behind a served URL (`/photos/p1/ab.webp` → `photos/p1/ab.webp`). */
export const objectKeyOf = (url: string) => url.replace(/^\//, "");

export async function getPhoto(id: string): Promise<PhotoItem | null> {
  const res = await ddb.send(
    new GetCommand({ TableName: TABLE_NAME, Key: keys.photo(id), ConsistentRead: true }),
  );
  return res.Item ? PhotoItem.parse(res.Item) : null;
}

export function photoPut(item: PhotoItem) {
  return {
    TableName: TABLE_NAME,
    Item: { ...keys.photo(item.id), type: "photo", ...item },
    ConditionExpression: "attribute_not_exists(pk)",
  };
}

/** Remove a photo's objects from the bucket: its upload and whatever was made of it. */
export async function deletePhotoObjects(
  photo: Pick<PhotoItem, "id" | "thumb" | "full" | "medium">,
): Promise<void> {
  const keysToDelete = [uploadKey(photo.id), photo.thumb, photo.medium, photo.full]
    .filter((k): k is string => Boolean(k))
    .map((k) => ({ Key: k.startsWith(UPLOAD_PREFIX) ? k : objectKeyOf(k) }));
  await s3.send(
    new DeleteObjectsCommand({ Bucket: photosBucket(), Delete: { Objects: keysToDelete, Quiet: true } }),
  );
}

/** Tell a photo's owner what became of it (their notifications, like a booking's news). */
export async function tellOwner(
  photo: PhotoItem,
  noticeType: string,
  text: string,
  at: string,
): Promise<void> {
  const id = derivedId("n", photo.id, noticeType);
  await ddb.send(
    new PutCommand({
      TableName: TABLE_NAME,
      Item: {
        ...keys.notification(photo.ownerId, at, id),
        type: "notification",
        id,
        noticeType,
        userId: photo.ownerId,
        bookingId: "",
        listingTitle: photo.listingTitle,
        text,
        createdAt: at,
      },
    }),
  );
}
