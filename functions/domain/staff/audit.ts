/**
 * A community worker seeing a resident's phone and address is recorded like a
 * volunteer's contact reveal (GET /api/admin/contact-reads): the reader's id in
 * `volunteerId`, `via` saying how (`staff-booking`, `staff-registry`).
 */
import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import { keys } from "../../../shared/keys.ts";
import { pause } from "../../lib/backoff.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";
import { newId } from "../../lib/ids.ts";

export interface Seen {
  /** The booking seen, or `registry:<resident id>` for a registry entry. */
  bookingId: string;
  listingId?: string;
}

export async function auditStaffReads(
  workerId: string,
  seen: readonly Seen[],
  via: string,
  now = new Date(),
) {
  const at = now.toISOString();
  const items = seen.map((s) => {
    const id = newId("c");
    return {
      ...keys.contactRead(at, id),
      type: "contactRead",
      id,
      volunteerId: workerId,
      bookingId: s.bookingId,
      listingId: s.listingId ?? "",
      via,
      at,
    };
  });
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length && attempt < 10; attempt++) {
      if (attempt) await pause(attempt);
      const res = await ddb.send(new BatchWriteCommand({ RequestItems: { [TABLE_NAME]: requests } }));
      requests = (res.UnprocessedItems?.[TABLE_NAME] ?? []) as typeof requests;
    }
  }
}
