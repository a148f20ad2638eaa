/** The listing's side of its photos: one versioned update of `photos` and `pendingPhotos`. */
import { keys } from "../../../shared/keys.ts";
import type { Photo } from "../../../shared/photos.ts";
import { TABLE_NAME } from "../../lib/db.ts";
import { update, withCondition } from "../../lib/expr.ts";
import type { ListingItem } from "../listings/item.ts";

/**
 * Set the listing's photos and/or pending uploads, guarded by the version read (as every
 * listing write is), and bump it: a concurrent edit, review or completion retries on it.
 */
export function listingPhotosUpdate(
  current: ListingItem,
  change: { photos?: Photo[]; pendingPhotos?: { id: string; at: string }[] },
) {
  return {
    TableName: TABLE_NAME,
    Key: keys.listing(current.id),
    ...withCondition(
      update({ set: { ...change }, add: { version: 1 } }),
      "#version = :readVersion OR (attribute_not_exists(#version) AND :readVersion = :zero)",
      { "#version": "version" },
      { ":readVersion": current.version, ":zero": 0 },
    ),
  };
}
