/**
 * Retention (issue 19.6), the daily job: phone, address and notes of bookings that
 * finished more than 180 days ago are removed (the name, status, dates and hours
 * stay: the dashboard and reconcile count them as before), and texts older than 30
 * days leave the outbox. No Scan: finished bookings still holding contact sit in
 * gsi4 under the month they finished (keys.finishedIn) and leave it once
 * anonymised; texts sit in gsi2 (the whole outbox) by creation time.
 */
import { keys } from "../../../shared/keys.ts";
import { writeAll } from "../../lib/batch.ts";
import { queryAll } from "../../lib/query.ts";
import { expiredContact, FINISHED_BOOKING_RETENTION_DAYS, OUTBOX_RETENTION_DAYS } from "./anonymise.ts";
import { rewriteBooking } from "./scrub.ts";

const DAY = 86_400_000;
/** How far back the job looks for months still holding contact (a missed run catches up). */
const MONTHS_BACK = 24;

/** The UTC months (YYYY-MM) from `MONTHS_BACK` before `cutoff` up to the cutoff's own. */
function monthsUpTo(cutoff: Date): string[] {
  const out: string[] = [];
  for (let i = MONTHS_BACK; i >= 0; i--) {
    const d = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}

export async function applyRetention(
  now = new Date(),
): Promise<{ anonymised: number; textsDeleted: number }> {
  const at = now.toISOString();
  const bookingCutoff = new Date(now.getTime() - FINISHED_BOOKING_RETENTION_DAYS * DAY).toISOString();
  let anonymised = 0;
  for (const month of monthsUpTo(new Date(bookingCutoff))) {
    const rows = await queryAll({
      index: "gsi4",
      pk: keys.finishedIn(month),
      sk: { below: bookingCutoff },
    });
    for (const row of rows) {
      const done = await rewriteBooking(String(row.id), (b) =>
        b.updatedAt < bookingCutoff && !b.anonymisedAt ? expiredContact(b, at) : b,
      );
      if (done?.anonymisedAt === at) anonymised++;
    }
  }
  const textCutoff = new Date(now.getTime() - OUTBOX_RETENTION_DAYS * DAY).toISOString();
  const texts = await queryAll({ index: "gsi2", pk: keys.outbox(), sk: { below: textCutoff } });
  await writeAll(
    texts.flatMap((t) => [
      { DeleteRequest: { Key: keys.text(String(t.id)) } },
      { DeleteRequest: { Key: keys.textClaim(String(t.id)) } },
    ]),
  );
  return { anonymised, textsDeleted: texts.length };
}
