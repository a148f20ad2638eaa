/**
 * The poller put together: a source (the table's stream), a book of checkpoints, each
 * shard's reader and retry state, the delivery of batches, `asOf`, the waiters of
 * `settle()` and the loop. Each piece is a module of its own; this one only wires them
 * and decides the pause after each pass.
 */
import { STREAM_CONSUMERS } from "../../../shared/stream.ts";
import type { StreamPoller, StreamPollerOptions } from "../stream.ts";
import { AsOf } from "./as-of.ts";
import { CheckpointBook, type Log } from "./checkpoints.ts";
import { Delivery } from "./delivery.ts";
import { handlerInvoke, projectorConnections } from "./invoke.ts";
import { PollLoop } from "./loop.ts";
import { Pass } from "./pass.ts";
import { Runs } from "./runs.ts";
import { Waiters } from "./settle.ts";
import { ShardMap, StreamSource } from "./source.ts";
import { newStats } from "./stats.ts";

/** Monotonic: the poller's own timing must not follow a test's fake Date. */
const clock = () => performance.now();

const defaultLog: Log = (line) => {
  const { level, message, ...rest } = line;
  if (level === "WARN" || level === "ERROR")
    console.error(`${level === "ERROR" ? "✗" : "⚠"} stream: ${String(message)} ${JSON.stringify(rest)}`);
};

export class Poller implements StreamPoller {
  readonly #tableName: string;
  readonly #pollIntervalMs: number;
  readonly #stats = newStats();
  readonly #source: StreamSource;
  readonly #book: CheckpointBook;
  readonly #map: ShardMap;
  readonly #runs = new Runs(clock);
  readonly #asOf: AsOf;
  readonly #waiters = new Waiters();
  readonly #loop: PollLoop;
  readonly #pass: Pass;

  constructor(opts: StreamPollerOptions) {
    const consumers = opts.consumers ?? STREAM_CONSUMERS;
    const log = opts.log ?? defaultLog;
    // The handlers' client gets its two pools before the first request (see connections.ts).
    projectorConnections().catch(() => undefined);
    this.#tableName = opts.tableName;
    this.#pollIntervalMs = Math.min(...consumers.map((c) => c.pollIntervalMs));
    this.#source = new StreamSource({ endpoint: opts.endpoint, tableName: opts.tableName, log });
    this.#book = new CheckpointBook(opts.checkpointFile, log);
    this.#map = new ShardMap(this.#source, this.#book, log, () => this.#runs.clear());
    this.#asOf = new AsOf(opts.asOf, log);
    this.#loop = new PollLoop(log);
    const invoke = handlerInvoke(opts.handlerTimeoutMs ?? 30_000);
    const delivery = new Delivery({
      book: this.#book,
      stats: this.#stats,
      invoke,
      log,
      now: clock,
      onBatch: opts.onBatch,
    });
    this.#pass = new Pass({
      consumers,
      source: this.#source,
      map: this.#map,
      book: this.#book,
      runs: this.#runs,
      delivery,
      stats: this.#stats,
      now: clock,
      stopped: () => this.#loop.stopped,
    });
    this.#loop.start({
      pass: (id) => this.#passAndPause(id),
      failed: () => this.#map.markStale(),
      after: () => this.#book.persist(),
    });
  }

  get streamArn(): string | undefined {
    return this.#map.arn;
  }

  settle(timeoutMs = 15_000): Promise<void> {
    if (this.#loop.stopped) return Promise.reject(new Error("stream poller stopped"));
    const why = () => `stream of ${this.#tableName} not projected within ${timeoutMs} ms: ${this.#state()}`;
    const settled = this.#waiters.wait(this.#loop.passesStarted + 1, timeoutMs, why);
    this.#loop.wake();
    return settled;
  }

  async stop(): Promise<void> {
    if (this.#loop.stopped) return;
    await this.#loop.stop();
    this.#book.persist();
    this.#waiters.rejectAll("stream poller stopped before the stream was projected");
    this.#source.destroy();
  }

  stats() {
    return { ...this.#stats, lagMs: [...this.#stats.lagMs] };
  }

  /** Pass number `id`, then the pause before the next: none while there is work or a waiter, else the poll interval or the soonest retry. */
  async #passAndPause(id: number): Promise<number> {
    const { drained, delivered } = await this.#passOnce(id);
    if (drained) return delivered > 0 || this.#waiters.waitingBeyond(id) ? 0 : this.#pollIntervalMs;
    const retryAt = this.#runs.nextRetryAt();
    return retryAt === undefined ? this.#pollIntervalMs : Math.max(0, retryAt - clock());
  }

  /** One pass; asOf and the waiters told if it drained the stream. */
  async #passOnce(id: number) {
    const startedAt = new Date();
    const started = clock();
    this.#stats.passes++;
    const before = this.#stats.delivered;
    const drained = await this.#pass.run(started);
    if (drained === undefined) return { drained: false, delivered: 0 };
    const delivered = this.#stats.delivered - before;
    this.#asOf.delivered(delivered);
    if (!drained || this.#loop.stopped) return { drained: false, delivered };
    await this.#asOf.drained(startedAt);
    this.#waiters.drained(id);
    return { drained: true, delivered };
  }

  /** Why the stream is not projected yet, in words. */
  #state(): string {
    const parts = [this.#loop.error ?? [], this.#runs.failures()].flat();
    if (!parts.length) parts.push(`still projecting (${this.#stats.delivered} records delivered so far)`);
    return parts.join("; ");
  }
}
