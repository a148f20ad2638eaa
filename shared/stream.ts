/**
 * The table's stream and what reads it, defined once: CDK builds the event source
 * mapping from it (infra/), and `npm start` and the test stack poll DynamoDB Local's
 * stream with the same settings (infra/local/stream.ts), invoking the same handler
 * with the same `DynamoDBStreamEvent`.
 *
 * Only changes of the item types below reach the projector: everything derived from
 * bookings (dashboard counters, waitlist gauges, hours and rankings, listing and
 * volunteer figures, notifications, the contact audit) is produced from them, and
 * the search index from listings.
 */
export const STREAM = {
  viewType: "NEW_AND_OLD_IMAGES",
  /** Item `type`s whose changes are projected; others are filtered out before the handler runs. */
  projectedTypes: [
    "booking",
    "review",
    // needs (群众点单)
    "need",
    // Search in residents' words (issue 15): listings → the search index (functions/domain/search/sync.ts).
    "listing",
  ],
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

/**
 * The event source mapping's filter, as data. Deployed, each pattern becomes one of the
 * mapping's FilterCriteria (`FilterCriteria.filter(pattern)`; a record passes if any
 * pattern matches); locally the poller applies the same patterns with
 * `isProjectedRecord`. A leaf array lists the values that match, as in EventBridge
 * patterns. INSERT records carry only a NewImage and REMOVE records only an OldImage,
 * hence one pattern for each.
 */
export const STREAM_FILTER_PATTERNS = [
  { dynamodb: { NewImage: { type: { S: [...STREAM.projectedTypes] } } } },
  { dynamodb: { OldImage: { type: { S: [...STREAM.projectedTypes] } } } },
] as const;

type Pattern = { readonly [key: string]: Pattern | readonly string[] };

function matches(value: unknown, pattern: Pattern): boolean {
  if (typeof value !== "object" || value === null) return false;
  return Object.entries(pattern).every(([key, want]) => {
    const got = (value as Record<string, unknown>)[key];
    return Array.isArray(want) ? want.includes(got as string) : matches(got, want as Pattern);
  });
}

/**
 * True iff a stream record reaches the projector: its new or old image is an item of one
 * of `STREAM.projectedTypes` (the same test as `STREAM_FILTER_PATTERNS` deployed).
 */
export function isProjectedRecord(record: {
  dynamodb?: { NewImage?: Record<string, unknown>; OldImage?: Record<string, unknown> };
}): boolean {
  return STREAM_FILTER_PATTERNS.some((p) => matches(record, p));
}
