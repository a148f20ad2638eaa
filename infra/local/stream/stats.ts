/** What the poller has done so far, and what it tells `onBatch` after each batch. */
export interface BatchReport {
  consumer: string;
  records: number;
  ok: boolean;
  appliedAt: number;
  /**
   * Upper bound of commit → applied for the batch's records (ms): the records were not
   * there when an earlier, complete read of the shard started. Absent when no such read
   * came before (records already in the stream when the poller started).
   */
  lagMs?: number;
}

export interface PollerStats {
  passes: number;
  /** Records handed to a handler, redeliveries included. */
  delivered: number;
  /** Records a handler processed (checkpointed past). */
  processed: number;
  /** Records the filter kept from the handlers. */
  filtered: number;
  batches: number;
  failedBatches: number;
  /** Each successful batch's lag bound (ms), oldest first. */
  lagMs: number[];
}

export const newStats = (): PollerStats => ({
  passes: 0,
  delivered: 0,
  processed: 0,
  filtered: 0,
  batches: 0,
  failedBatches: 0,
  lagMs: [],
});

/** Keep a successful batch's lag bound; the oldest half goes past 100,000. */
export function keepLag(stats: PollerStats, lagMs: number | undefined): void {
  if (lagMs !== undefined) stats.lagMs.push(lagMs);
  if (stats.lagMs.length > 100_000) stats.lagMs.splice(0, 50_000);
}
