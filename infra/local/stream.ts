/**
 * The local stand-in for Lambda's DynamoDB stream event source mappings: polls DynamoDB
 * Local's stream of one table and invokes each consumer's handler (the same module that
 * deploys to Lambda) with the same `DynamoDBStreamEvent`, filtered, batched and retried
 * as the mapping does (shared/stream.ts):
 *
 * - shards are read parent first; an unseen shard from TRIM_HORIZON, a known one after
 *   its checkpoint (kept per consumer and shard, and in `checkpointFile` if given);
 * - only records that pass `isProjectedRecord` reach the handler, `batchSize` at most;
 * - a batch's `batchItemFailures` (or a throw, or a timeout) is retried, with backoff,
 *   from the lowest failed record on; records before it are checkpointed and never seen
 *   again. Unlike a deployed mapping, nothing is ever dropped after `retryAttempts`:
 *   locally the batch keeps being retried (and an ERROR says so) rather than lost.
 *
 * After a pass that drained every shard, if it or the previous drained pass handed any
 * record to a handler, `asOf` is advanced to the instant that pass started reading:
 * everything committed before it has been projected.
 *
 * The pieces live in stream/ (README: "The local stream poller, in pieces"): source.ts
 * (the table's stream and its shards), reader.ts and records.ts (one shard's pages in
 * Lambda's shape), checkpoints.ts and take-up.ts, batch.ts, delivery.ts and runs.ts (a
 * batch, its outcome, its retry), invoke.ts (the handler run as its Lambda), as-of.ts,
 * settle.ts, loop.ts, pass.ts, stats.ts, and poller.ts, which puts them together.
 */
import type { StreamConsumer } from "../../shared/stream.ts";
import { Poller } from "./stream/poller.ts";
import type { BatchReport, PollerStats } from "./stream/stats.ts";

export { streamInvocation } from "./stream/invoke.ts";
export { toLambdaRecord } from "./stream/records.ts";
export type { BatchReport, PollerStats };

export interface StreamPollerOptions {
  endpoint: string;
  tableName: string;
  consumers?: readonly StreamConsumer[];
  /** Where checkpoints survive a restart (`npm start`: DATA_DIR/stream-checkpoints.json). */
  checkpointFile?: string;
  log?: (line: Record<string, unknown>) => void;
  /** Told the instant before which every commit is projected. Default: the projections' `advanceAsOf`. */
  asOf?: ((iso: string) => Promise<void>) | false;
  /** An invocation that takes longer fails, as a Lambda timeout does. */
  handlerTimeoutMs?: number;
  onBatch?: (batch: BatchReport) => void;
}

export interface StreamPoller {
  readonly streamArn: string | undefined;
  /** Resolves once a pass that started after this call has projected everything (rejects after `timeoutMs`). */
  settle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
  stats(): PollerStats;
}

export function startStreamPoller(opts: StreamPollerOptions): StreamPoller {
  return new Poller(opts);
}
