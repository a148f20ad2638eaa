/**
 * One pass of the poller: every consumer, every shard (parent first), each read and
 * delivered until it holds nothing more at that moment. A shard that closed during the
 * pass has the shards listed again (its children may be new) and the pass goes round
 * once more, five rounds at most.
 */
import type { Shard } from "@aws-sdk/client-dynamodb-streams";
import type { StreamConsumer } from "../../../shared/stream.ts";
import type { CheckpointBook } from "./checkpoints.ts";
import type { Delivery } from "./delivery.ts";
import type { Runs } from "./runs.ts";
import type { ShardMap, StreamReads } from "./source.ts";
import type { PollerStats } from "./stats.ts";

const ROUNDS = 5;

export interface PassDeps {
  consumers: readonly StreamConsumer[];
  source: StreamReads;
  map: ShardMap;
  book: CheckpointBook;
  runs: Runs;
  delivery: Delivery;
  stats: PollerStats;
  /** Monotonic ms. */
  now: () => number;
  stopped: () => boolean;
}

export class Pass {
  readonly #d: PassDeps;

  constructor(deps: PassDeps) {
    this.#d = deps;
  }

  /** One pass that started at `started` (monotonic ms): whether it drained every shard; undefined if stopped. */
  async run(started: number): Promise<boolean | undefined> {
    const { consumers, map, stopped } = this.#d;
    let drained = true;
    for (let round = 0; round < ROUNDS; round++) {
      if (map.due(started)) await map.refresh(this.#d.now);
      drained = true;
      for (const consumer of consumers) {
        for (const shard of map.shards) {
          if (stopped()) return undefined;
          if (!(await this.#drainShard(consumer, shard))) drained = false;
        }
      }
      if (!map.stale) break;
    }
    return drained;
  }

  /** Deliver everything the shard holds now; false if a batch failed or its parent is not done. */
  async #drainShard(consumer: StreamConsumer, shard: Shard): Promise<boolean> {
    const { book, map, runs, delivery, source, stats, now, stopped } = this.#d;
    const arn = map.arn ?? "";
    const shardId = shard.ShardId ?? "";
    const cp = book.of(consumer.handler, arn, shardId);
    if (cp.finished) return true;
    const parent = map.listedParent(shard);
    if (parent && !book.of(consumer.handler, arn, parent).finished) return false;
    const run = runs.of(consumer.handler, shardId);
    if (run.retry.waiting(now())) return false;
    for (;;) {
      while (run.reader.buffer.length) {
        if (stopped() || !(await delivery.next(consumer, shardId, run, cp))) return false;
      }
      if (run.reader.closed) {
        book.finish(cp);
        map.markStale(); // its children may be new
        return true;
      }
      if (stopped()) return false;
      const { read, filtered } = await run.reader.read(source, arn, cp.after);
      stats.filtered += filtered;
      if (read === 0 && !run.reader.closed) return true;
    }
  }
}
