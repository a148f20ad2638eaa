/**
 * Taking a photo down: the owner deletes one of a listing's photos, or an admin hides
 * any photo (a listing's or a face) with a reason and the owner is told. Either way the
 * photo leaves the listing or profile and its objects leave the bucket: not just unlinked.
 */
import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { keys } from "../../../shared/keys.ts";
import type { User } from "../../lib/auth.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";
import { update, withCondition } from "../../lib/expr.ts";
import { Conflict, NotFound, NotOwner } from "../errors.ts";
import { getListingItem } from "../listings/read.ts";
import { getProfile } from "../people.ts";
import { deletePhotoObjects, getPhoto, type PhotoItem, tellOwner } from "./item.ts";
import { listingPhotosUpdate } from "./listing.ts";

function endPhoto(photo: PhotoItem, status: "deleted" | "hidden", reason?: string) {
  return {
    Update: {
      TableName: TABLE_NAME,
      Key: keys.photo(photo.id),
      ...withCondition(
        update({ set: { status, ...(reason ? { reason } : {}) } }),
        "#status IN (:pending, :ready)",
        { "#status": "status" },
        { ":pending": "pending", ":ready": "ready" },
      ),
    },
  };
}

/** The write that unlinks the photo from where it is shown (none when it is shown nowhere yet). */
async function unlink(photo: PhotoItem): Promise<Record<string, unknown> | null> {
  if (photo.target === "face") {
    // A face is unlinked only while it is still the face shown.
    if ((await getProfile(photo.ownerId))?.photo?.id !== photo.id) return null;
    return {
      Update: {
        TableName: TABLE_NAME,
        Key: keys.user(photo.ownerId),
        ...withCondition(
          update({ remove: ["photo"] }),
          "#photo.#id = :id",
          { "#photo": "photo", "#id": "id" },
          { ":id": photo.id },
        ),
      },
    };
  }
  const listing = photo.listingId ? await getListingItem(photo.listingId, true) : null;
  if (!listing) return null;
  const shown = listing.photos.some((p) => p.id === photo.id);
  const pending = listing.pendingPhotos.some((p) => p.id === photo.id);
  if (!shown && !pending) return null;
  return {
    Update: listingPhotosUpdate(listing, {
      photos: listing.photos.filter((p) => p.id !== photo.id),
      pendingPhotos: listing.pendingPhotos.filter((p) => p.id !== photo.id),
    }),
  };
}

async function takeDown(photo: PhotoItem, status: "deleted" | "hidden", reason?: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const current = (await getPhoto(photo.id)) ?? photo;
    if (current.status !== "pending" && current.status !== "ready")
      throw new Conflict("ALREADY_HIDDEN", "这张照片已经删除或隐藏");
    const link = await unlink(current);
    try {
      await ddb.send(
        new TransactWriteCommand({
          TransactItems: [endPhoto(current, status, reason), ...(link ? [link] : [])],
        }),
      );
      await deletePhotoObjects(current);
      return;
    } catch (err) {
      if ((err as Error).name === "TransactionCanceledException" && attempt < 3) continue;
      throw err;
    }
  }
}

export async function deleteListingPhoto(user: User, listingId: string, photoId: string): Promise<void> {
  const photo = await getPhoto(photoId);
  if (!photo || photo.target !== "listing" || photo.listingId !== listingId) throw new NotFound("照片");
  const listing = await getListingItem(listingId);
  if (!listing) throw new NotFound("服务");
  if (listing.volunteerId !== user.id) throw new NotOwner("只能删除自己服务的照片");
  if (photo.status !== "pending" && photo.status !== "ready") throw new NotFound("照片");
  await takeDown(photo, "deleted");
}

export async function hidePhoto(photoId: string, reason: string, now = new Date()): Promise<void> {
  const photo = await getPhoto(photoId);
  if (!photo || photo.status === "refused" || photo.status === "deleted") throw new NotFound("照片");
  await takeDown(photo, "hidden", reason);
  const where = photo.target === "face" ? "您的头像" : `“${photo.listingTitle}”的一张照片`;
  await tellOwner(photo, "photo_hidden", `${where}已被管理员隐藏，原因：${reason}`, now.toISOString());
}
