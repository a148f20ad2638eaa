/** Each consumer's work in each shard: its reader and its run of failures, dropped when the stream changes. */
import { Retry } from "./batch.ts";
import { ShardReader } from "./reader.ts";

export interface ShardRun {
  readonly consumer: string;
  readonly reader: ShardReader;
  readonly retry: Retry;
}

export class Runs {
  readonly #runs = new Map<string, ShardRun>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  of(consumer: string, shardId: string): ShardRun {
    const key = `${consumer}\u0000${shardId}`;
    let run = this.#runs.get(key);
    if (!run) {
      run = { consumer, reader: new ShardReader(shardId, this.#now), retry: new Retry() };
      this.#runs.set(key, run);
    }
    return run;
  }

  clear(): void {
    this.#runs.clear();
  }

  /** When the soonest failing run may be tried again (monotonic ms); undefined if none is failing. */
  nextRetryAt(): number | undefined {
    const at = Math.min(...this.#failing().map((r) => r.retry.retryAt));
    return Number.isFinite(at) ? at : undefined;
  }

  /** What keeps failing, in words. */
  failures(): string[] {
    return this.#failing().map(
      ({ consumer, reader, retry }) =>
        `${consumer} keeps failing on record ${reader.buffer.find((e) => e.record)?.seq} (${retry.failures}×): ${retry.lastError}`,
    );
  }

  #failing(): ShardRun[] {
    return [...this.#runs.values()].filter((r) => r.retry.failures > 0);
  }
}
