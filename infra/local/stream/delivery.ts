/**
 * Handing a shard's buffer to a consumer one batch at a time, as the event source
 * mapping does with a partial batch response: a batch that fails is retried (with
 * backoff) from its lowest failed record on, and what came before that record is
 * checkpointed and never handed over again. Unlike a deployed mapping, nothing is
 * dropped after `retryAttempts`: the batch keeps being retried, and an ERROR says so.
 */
import type { StreamConsumer } from "../../../shared/stream.ts";
import { recordsOf, takeBatch } from "./batch.ts";
import type { Checkpoint, CheckpointBook, Log } from "./checkpoints.ts";
import type { Invoke } from "./invoke.ts";
import type { Entry } from "./reader.ts";
import type { ShardRun } from "./runs.ts";
import { type BatchReport, keepLag, type PollerStats } from "./stats.ts";

export interface DeliveryDeps {
  book: CheckpointBook;
  stats: PollerStats;
  invoke: Invoke;
  log: Log;
  /** Monotonic ms. */
  now: () => number;
  onBatch?: (batch: BatchReport) => void;
}

/** One batch: what it took from the buffer, and where its checkpoint goes. */
interface Batch {
  consumer: StreamConsumer;
  shardId: string;
  run: ShardRun;
  cp: Checkpoint;
  take: Entry[];
}

export class Delivery {
  readonly #deps: DeliveryDeps;

  constructor(deps: DeliveryDeps) {
    this.#deps = deps;
  }

  /** Hand the next batch of the run's buffer to the consumer; false if it failed (it is retried later). */
  async next(consumer: StreamConsumer, shardId: string, run: ShardRun, cp: Checkpoint): Promise<boolean> {
    const { stats, invoke, now } = this.#deps;
    const batch: Batch = {
      consumer,
      shardId,
      run,
      cp,
      take: takeBatch(run.reader.buffer, consumer.batchSize),
    };
    const records = recordsOf(batch.take);
    if (!records.length) {
      this.#commit(batch, batch.take);
      return true;
    }
    stats.delivered += records.length;
    stats.batches++;
    const outcome = await invoke(consumer, records);
    const report = { consumer: consumer.handler, records: records.length, appliedAt: Date.now() };
    const doneAt = now();
    const commitAfter = batch.take.find((e) => e.record)?.commitAfter;
    const lagMs = commitAfter === undefined ? undefined : Math.round(doneAt - commitAfter);
    if (outcome.failedAt === undefined) {
      this.#commit(batch, batch.take);
      stats.processed += records.length;
      run.retry.succeeded();
      keepLag(stats, lagMs);
      this.#deps.onBatch?.({ ...report, ok: true, lagMs });
      return true;
    }
    this.#failed(batch, { failedAt: outcome.failedAt, error: outcome.error }, doneAt);
    this.#deps.onBatch?.({ ...report, ok: false, lagMs });
    return false;
  }

  /** Everything before the failed record is done; the rest waits for the retry. */
  #failed(batch: Batch, outcome: { failedAt: number; error?: string | undefined }, doneAt: number) {
    const { stats, log } = this.#deps;
    const { consumer, run } = batch;
    const records = recordsOf(batch.take);
    const failedSeq = records[outcome.failedAt]?.dynamodb?.SequenceNumber;
    this.#commit(
      batch,
      batch.take.slice(
        0,
        batch.take.findIndex((e) => e.seq === failedSeq),
      ),
    );
    stats.processed += outcome.failedAt;
    stats.failedBatches++;
    run.retry.failed(outcome.error, doneAt);
    const over = run.retry.failures > consumer.retryAttempts;
    log({
      level: over ? "ERROR" : "WARN",
      message: over
        ? `batch failed ${run.retry.failures} times (deployed, it would go to the failure queue now); retrying`
        : "batch failed; retrying from the first failed record",
      consumer: consumer.handler,
      shardId: batch.shardId,
      from: failedSeq,
      error: outcome.error,
    });
  }

  /** These entries, from the front of the buffer, are done: the checkpoint moves past them. */
  #commit(batch: Batch, entries: Entry[]) {
    if (!entries.length) return;
    batch.run.reader.buffer.splice(0, entries.length);
    this.#deps.book.advance(batch.cp, entries[entries.length - 1]?.seq);
  }
}
