/**
 * The stream projector: booking and review changes from the table's stream →
 * dashboard counters, waitlist gauges, hours and rankings, listing and volunteer
 * figures, notifications and the contact audit (functions/domain/projections);
 * listing changes → the search index (functions/domain/search/sync.ts).
 *
 * Records are applied in stream order, in groups; if a group fails, the batch
 * reports its first record as the first failure (partial batch response), so the
 * event source mapping retries from there and what was applied is not lost. A
 * replayed record changes nothing (markers, see apply.ts).
 */
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { applyChanges } from "../domain/projections/apply.ts";
import { advanceAsOf } from "../domain/projections/as-of.ts";
import type { Change } from "../domain/projections/facts.ts";
import { isListingChange, syncSearch } from "../domain/search/sync.ts";
import { logger } from "../lib/logger.ts";

type Image = Parameters<typeof unmarshall>[0];

function changeOf(r: DynamoDBRecord): Change {
  const id = r.eventID ?? r.dynamodb?.SequenceNumber ?? "";
  const image = (i: unknown) => (i ? unmarshall(i as Image) : undefined);
  return { id, old: image(r.dynamodb?.OldImage), new: image(r.dynamodb?.NewImage) };
}

/** Changes are applied this many at a time, each slice failing (and being retried) on its own. */
const SLICE = 100;

export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const records = event.Records;
  for (let i = 0; i < records.length; i += SLICE) {
    const slice = records.slice(i, i + SLICE);
    try {
      const changes = slice.map(changeOf);
      const listings = changes.filter(isListingChange);
      await Promise.all([
        applyChanges(changes.filter((c) => !isListingChange(c))),
        listings.length > 0 ? syncSearch(listings) : undefined,
      ]);
    } catch (err) {
      logger.error("projection failed; the batch is retried from this record", {
        error: err as Error,
        from: slice[0]?.dynamodb?.SequenceNumber,
      });
      return {
        batchItemFailures: records
          .slice(i)
          .map((r) => ({ itemIdentifier: r.dynamodb?.SequenceNumber ?? "" })),
      };
    }
  }
  const newest = Math.max(0, ...records.map((r) => r.dynamodb?.ApproximateCreationDateTime ?? 0));
  if (newest > 0) await advanceAsOf(new Date(newest * 1000).toISOString()).catch(() => undefined);
  logger.debug("projected", { records: records.length });
  return { batchItemFailures: [] };
}
