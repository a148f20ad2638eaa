/**
 * A community worker seeing a resident's phone and address is recorded like a
 * volunteer's contact reveal (GET /api/admin/contact-reads): the reader's id in
 * `volunteerId`, `via` saying how (`staff-booking`, `staff-registry`).
 */
import { keys } from "../../../shared/keys.ts";
import { writeAll } from "../../lib/batch.ts";
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
  await writeAll(items.map((Item) => ({ PutRequest: { Item } })));
}
