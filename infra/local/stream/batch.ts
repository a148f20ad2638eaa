/**
 * How the poller cuts a batch and reads its outcome, as Lambda's event source mapping
 * does: pure functions, and `Retry`, a shard's run of failed deliveries.
 */
import type { DynamoDBRecord } from "aws-lambda";
import type { Entry } from "./reader.ts";

const MAX_BACKOFF_MS = 5_000;

/** The next batch from the front of the buffer: `batchSize` records at most, with the filtered entries among them. */
export function takeBatch(buffer: readonly Entry[], batchSize: number): Entry[] {
  const take: Entry[] = [];
  let n = 0;
  for (const e of buffer) {
    if (e.record) {
      if (n === batchSize) break;
      n++;
    }
    take.push(e);
  }
  return take;
}

export const recordsOf = (entries: readonly Entry[]): DynamoDBRecord[] =>
  entries.flatMap((e) => (e.record ? [e.record] : []));

/** Index of the lowest failed record, as Lambda reads a partial batch response; undefined if none failed. */
export function firstFailure(response: unknown, records: DynamoDBRecord[]): number | undefined {
  if (typeof response !== "object" || response === null || !("batchItemFailures" in response))
    return undefined;
  const failures = response.batchItemFailures;
  if (!Array.isArray(failures) || failures.length === 0) return undefined;
  let first = records.length;
  for (const f of failures as unknown[]) {
    const id = typeof f === "object" && f !== null && "itemIdentifier" in f ? f.itemIdentifier : undefined;
    const i = records.findIndex((r) => r.dynamodb?.SequenceNumber === id);
    if (i < 0) return 0; // an identifier Lambda cannot place fails the whole batch
    first = Math.min(first, i);
  }
  return first;
}

/** The pause before the next try after `failures` failures in a row: 100 ms, doubling, 5 s at most. */
export function backoff(failures: number): number {
  return Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.max(0, failures - 1));
}

/** A shard's deliveries failing in a row: how many, the last error, and when to try again. */
export class Retry {
  failures = 0;
  retryAt = 0;
  lastError: string | undefined;

  failed(error: string | undefined, now: number): void {
    this.failures++;
    this.lastError = error;
    this.retryAt = now + backoff(this.failures);
  }

  succeeded(): void {
    this.failures = 0;
    this.lastError = undefined;
  }

  /** Still backing off at `now`. */
  waiting(now: number): boolean {
    return this.retryAt > now;
  }
}
