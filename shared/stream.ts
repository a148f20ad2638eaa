/**
 * The table's stream and what reads it, defined once: CDK builds the event source
 * mapping from it (infra/), and `npm start` and the test stack poll DynamoDB Local's
 * stream with the same settings (infra/local/stream.ts), invoking the same handler
 * with the same `DynamoDBStreamEvent`.
 *
 * Only changes of the item types below reach the projector: everything derived from
 * bookings (dashboard counters, waitlist gauges, hours and rankings, listing and
 * volunteer figures, notifications, the contact audit) is produced from them.
 */
export const STREAM = {
  viewType: "NEW_AND_OLD_IMAGES",
  /** Item `type`s whose changes are projected; others are filtered out before the handler runs. */
  projectedTypes: ["booking", "review"],
} as const;

export interface StreamConsumer {
  /** functions/<handler>.ts, exporting `handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse>`. */
  readonly handler: string;
  readonly summary: string;
  /** Records per invocation at most. */
  readonly batchSize: number;
  /** How long records may gather before an invocation (deployed). */
  readonly maxBatchingWindowSeconds: number;
  /** Retries of a failing batch (each split in two: bisect on error) before it goes to the failure queue. */
  readonly retryAttempts: number;
  /** The local poller's pause between reads of an idle stream. */
  readonly pollIntervalMs: number;
}

export const STREAM_CONSUMERS = [
  {
    handler: "stream/project",
    summary: "Project booking and review changes into counters, rankings, figures and notifications",
    batchSize: 100,
    maxBatchingWindowSeconds: 1,
    retryAttempts: 8,
    pollIntervalMs: 100,
  },
] as const satisfies readonly StreamConsumer[];
