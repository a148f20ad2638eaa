/**
 * Asking to upload a photo: the owner's checks and the listing's slot (at most 6 photos,
 * counting uploads under way), then an S3 presigned POST whose policy makes S3 itself
 * refuse another type or a bigger file. The photo's bytes never pass through a Lambda.
 */

import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";
import { keys } from "../../../shared/keys.ts";
import {
  MAX_PHOTOS,
  PENDING_SLOT_MS,
  type PhotoUpload,
  type PhotoUploadInput,
  UPLOAD_EXPIRES_SECONDS,
} from "../../../shared/photos.ts";
import type { User } from "../../lib/auth.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";
import { newId } from "../../lib/ids.ts";
import { photosBucket, s3 } from "../../lib/s3.ts";
import { Conflict, NotFound, NotOwner } from "../errors.ts";
import { getListingItem } from "../listings/read.ts";
import { type PhotoItem, photoPut, uploadKey } from "./item.ts";
import { listingPhotosUpdate } from "./listing.ts";

async function presign(id: string, input: PhotoUploadInput): Promise<PhotoUpload> {
  const { url, fields } = await createPresignedPost(s3, {
    Bucket: photosBucket(),
    Key: uploadKey(id),
    Conditions: [
      ["content-length-range", 1, input.bytes],
      ["eq", "$Content-Type", input.contentType],
    ],
    Fields: { "Content-Type": input.contentType },
    Expires: UPLOAD_EXPIRES_SECONDS,
  });
  return { photoId: id, upload: { url, fields } };
}

export async function requestListingPhoto(
  user: User,
  listingId: string,
  input: PhotoUploadInput,
  now = new Date(),
): Promise<PhotoUpload> {
  const id = newId("p");
  for (let attempt = 0; ; attempt++) {
    const listing = await getListingItem(listingId, true);
    if (!listing) throw new NotFound("服务");
    if (listing.volunteerId !== user.id) throw new NotOwner("只能给自己发布的服务上传照片");
    if (listing.status === "closed") throw new Conflict("LISTING_CLOSED");
    const live = listing.pendingPhotos.filter((p) => Date.parse(p.at) > now.getTime() - PENDING_SLOT_MS);
    if (listing.photos.length + live.length >= MAX_PHOTOS) throw new Conflict("TOO_MANY_PHOTOS");
    const photo: PhotoItem = {
      id,
      ownerId: user.id,
      target: "listing",
      listingId,
      listingTitle: listing.title,
      status: "pending",
      contentType: input.contentType,
      bytes: input.bytes,
      createdAt: now.toISOString(),
    };
    try {
      await ddb.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: listingPhotosUpdate(listing, { pendingPhotos: [...live, { id, at: photo.createdAt }] }),
            },
            { Put: photoPut(photo) },
          ],
        }),
      );
      return presign(id, input);
    } catch (err) {
      if ((err as Error).name === "TransactionCanceledException" && attempt < 3) continue;
      throw err;
    }
  }
}

/** A volunteer's face: the same upload, no slot (a new face replaces the old one). */
export async function requestFacePhoto(
  user: User,
  input: PhotoUploadInput,
  now = new Date(),
): Promise<PhotoUpload> {
  const id = newId("p");
  const photo: PhotoItem = {
    id,
    ownerId: user.id,
    target: "face",
    listingTitle: "",
    status: "pending",
    contentType: input.contentType,
    bytes: input.bytes,
    createdAt: now.toISOString(),
  };
  await ddb
    .send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: photoPut(photo) },
          // Only a volunteer with a shop has a face to show (the profile is made with the first listing).
          {
            ConditionCheck: {
              TableName: TABLE_NAME,
              Key: keys.user(user.id),
              ConditionExpression: "attribute_exists(pk)",
            },
          },
        ],
      }),
    )
    .catch((err: Error) => {
      if (err.name === "TransactionCanceledException") throw new Conflict("NO_SHOP_YET");
      throw err;
    });
  return presign(id, input);
}
