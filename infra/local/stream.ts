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
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
  type AttributeValue as StreamAttributeValue,
  type _Record as StreamRecord,
} from "@aws-sdk/client-dynamodb-streams";
import type { AttributeValue, Context, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { isProjectedRecord, STREAM_CONSUMERS, type StreamConsumer } from "../../shared/stream.ts";
import { lambdaContext } from "./apigw.ts";
import { ownConnections as projectorLane, splitConnections } from "./connections.ts";
import { type Checkpoint, listShards, loadCheckpoints, saveCheckpoints } from "./stream-checkpoints.ts";

const FUNCTIONS_DIR = resolve(import.meta.dirname, "../../functions");
/** GetRecords' page; a shorter page means the shard was read to its end at that moment. */
const PAGE = 1000;
/** Re-read the table and the stream's shards at least this often (new shards, a recreated table). */
const REFRESH_MS = 10_000;
const MAX_BACKOFF_MS = 5_000;
/** Monotonic: the poller's own timing must not follow a test's fake Date. */
const clock = () => performance.now();

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

export interface StreamPoller {
  readonly streamArn: string | undefined;
  /** Resolves once a pass that started after this call has projected everything (rejects after `timeoutMs`). */
  settle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
  stats(): PollerStats;
}

type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<unknown>;
interface Entry {
  seq: string;
  /** Absent when the filter drops the record. */
  record?: DynamoDBRecord;
  commitAfter?: number;
}
interface ShardRun {
  iterator?: string;
  closed: boolean;
  buffer: Entry[];
  lastCompleteReadStart?: number;
  failures: number;
  retryAt: number;
  lastError?: string;
}

const handlers = new Map<string, Promise<StreamHandler>>();
const invocation = new AsyncLocalStorage<string>();

/**
 * The stream function whose work is running in the current async context, if any.
 * Deployed it is a Lambda of its own; locally it shares the process with the API, so
 * whatever counts one request's DynamoDB commands can leave the projector's out.
 */
export const streamInvocation = (): string | undefined => invocation.getStore();

/**
 * The handlers' DynamoDB client gives code run inside this its own connections: a
 * projector is a Lambda of its own deployed, and must not queue behind the API's
 * requests for a socket here. Imported when first needed (after the table is chosen).
 */
let lanes: Promise<AsyncLocalStorage<string>> | undefined;
const ownConnections = () => {
  lanes ??= import(pathToFileURL(join(FUNCTIONS_DIR, "lib/db.ts")).href).then(
    (m: Parameters<typeof splitConnections>[0]) => {
      splitConnections(m);
      return projectorLane;
    },
  );
  return lanes;
};

/** functions/<name>.ts's `handler`, imported once, as the local server loads route handlers. */
function loadStreamHandler(name: string): Promise<StreamHandler> {
  let h = handlers.get(name);
  if (!h) {
    h = import(pathToFileURL(join(FUNCTIONS_DIR, `${name}.ts`)).href).then(
      (m: { handler: StreamHandler }) => {
        if (typeof m.handler !== "function") throw new Error(`functions/${name}.ts exports no handler`);
        return m.handler;
      },
    );
    h.catch(() => handlers.delete(name));
    handlers.set(name, h);
  }
  return h;
}

const defaultLog = (line: Record<string, unknown>) => {
  const { level, message, ...rest } = line;
  if (level === "WARN" || level === "ERROR")
    console.error(`${level === "ERROR" ? "✗" : "⚠"} stream: ${String(message)} ${JSON.stringify(rest)}`);
};

export function startStreamPoller(opts: StreamPollerOptions): StreamPoller {
  const consumers = opts.consumers ?? STREAM_CONSUMERS;
  const log = opts.log ?? defaultLog;
  const handlerTimeoutMs = opts.handlerTimeoutMs ?? 30_000;
  // The handlers' client gets its two pools before the first request (see connections.ts).
  ownConnections().catch(() => undefined);
  const pollIntervalMs = Math.min(...consumers.map((c) => c.pollIntervalMs));
  const clientConfig = {
    endpoint: opts.endpoint,
    region: "cn-north-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
    requestHandler: { requestTimeout: 5_000, connectionTimeout: 2_000 },
  };
  const ddb = new DynamoDBClient(clientConfig);
  const streams = new DynamoDBStreamsClient(clientConfig);
  const checkpoints = loadCheckpoints(opts.checkpointFile, log);
  let dirty = false;
  let streamArn: string | undefined;
  let shards: Shard[] = [];
  let lastRefresh = 0;
  let needsRefresh = true;
  const runs = new Map<string, ShardRun>();
  const stats: PollerStats = {
    passes: 0,
    delivered: 0,
    processed: 0,
    filtered: 0,
    batches: 0,
    failedBatches: 0,
    lagMs: [],
  };
  let stopped = false;
  let passesStarted = 0;
  let errorStreak = 0;
  let lastPassError: string | undefined;
  let deliveredSinceDrain = 0;
  let lastDrainDelivered = false;
  let asOfFn: ((iso: string) => Promise<void>) | undefined;
  let asOfMissing = opts.asOf === false;
  const waiters = new Set<{ target: number; resolve: () => void; reject: (err: Error) => void }>();
  let wake: (() => void) | undefined;

  const cpOf = (consumer: string, shardId: string): Checkpoint => {
    const arn = streamArn ?? "";
    const byArn = checkpoints[consumer] ?? {};
    const byShard = byArn[arn] ?? {};
    const cp = byShard[shardId] ?? {};
    byShard[shardId] = cp;
    byArn[arn] = byShard;
    checkpoints[consumer] = byArn;
    return cp;
  };
  const runOf = (consumer: string, shardId: string): ShardRun => {
    const key = `${consumer}\u0000${shardId}`;
    let run = runs.get(key);
    if (!run) {
      run = { closed: false, buffer: [], failures: 0, retryAt: 0 };
      runs.set(key, run);
    }
    return run;
  };

  async function refresh() {
    const table = (await ddb.send(new DescribeTableCommand({ TableName: opts.tableName }))).Table;
    const arn = table?.StreamSpecification?.StreamEnabled ? table.LatestStreamArn : undefined;
    if (!arn) throw new Error(`table ${opts.tableName} has no stream (ensureTable turns it on)`);
    if (arn !== streamArn) {
      if (streamArn) log({ level: "INFO", message: "new stream (table recreated?)", streamArn: arn });
      streamArn = arn;
      runs.clear();
    }
    shards = parentsFirst(await listShards(streams, arn));
    const ids = new Set(shards.map((s) => s.ShardId));
    const tablePrefix = arn.slice(0, arn.indexOf("/stream/") + 1);
    for (const byArn of Object.values(checkpoints)) {
      for (const other of Object.keys(byArn))
        if (other !== arn && other.startsWith(tablePrefix)) delete byArn[other];
      for (const id of Object.keys(byArn[arn] ?? {})) if (!ids.has(id)) delete byArn[arn]?.[id];
    }
    lastRefresh = clock();
    needsRefresh = false;
  }

  async function iteratorFor(shardId: string, cp: Checkpoint): Promise<string | undefined> {
    const base = { StreamArn: streamArn, ShardId: shardId };
    if (cp.after) {
      try {
        return (
          await streams.send(
            new GetShardIteratorCommand({
              ...base,
              ShardIteratorType: "AFTER_SEQUENCE_NUMBER",
              SequenceNumber: cp.after,
            }),
          )
        ).ShardIterator;
      } catch (err) {
        if ((err as Error).name !== "TrimmedDataAccessException") throw err;
        log({
          level: "WARN",
          message: "checkpoint trimmed from the stream; reading from its start",
          shardId,
        });
      }
    }
    return (await streams.send(new GetShardIteratorCommand({ ...base, ShardIteratorType: "TRIM_HORIZON" })))
      .ShardIterator;
  }

  /** One GetRecords page into the shard's buffer; the number of records read. */
  async function read(shardId: string, run: ShardRun, cp: Checkpoint): Promise<number> {
    run.iterator ??= await iteratorFor(shardId, cp);
    const started = clock();
    let page: { Records?: StreamRecord[]; NextShardIterator?: string };
    try {
      page = await streams.send(new GetRecordsCommand({ ShardIterator: run.iterator, Limit: PAGE }));
    } catch (err) {
      run.iterator = undefined;
      throw err;
    }
    run.iterator = page.NextShardIterator;
    if (!page.NextShardIterator) run.closed = true;
    const records = page.Records ?? [];
    const commitAfter = run.lastCompleteReadStart;
    if (records.length < PAGE) run.lastCompleteReadStart = started;
    for (const r of records) {
      const record = toLambdaRecord(r, streamArn ?? "");
      const seq = record.dynamodb?.SequenceNumber ?? "";
      if (isProjectedRecord(record)) run.buffer.push({ seq, record, commitAfter });
      else {
        run.buffer.push({ seq, commitAfter });
        stats.filtered++;
      }
    }
    return records.length;
  }

  /** Hand the next batch of the buffer to the consumer; false if it failed (retry later). */
  async function deliver(consumer: StreamConsumer, shardId: string, run: ShardRun, cp: Checkpoint) {
    const take: Entry[] = [];
    let n = 0;
    for (const e of run.buffer) {
      if (e.record) {
        if (n === consumer.batchSize) break;
        n++;
      }
      take.push(e);
    }
    const commit = (entries: Entry[]) => {
      if (!entries.length) return;
      run.buffer.splice(0, entries.length);
      cp.after = entries[entries.length - 1]?.seq;
      dirty = true;
    };
    const records = take.flatMap((e) => (e.record ? [e.record] : []));
    if (!records.length) {
      commit(take);
      return true;
    }
    stats.delivered += records.length;
    stats.batches++;
    let failedAt: number | undefined;
    let error: string | undefined;
    try {
      const handler = await loadStreamHandler(consumer.handler);
      const response = await withTimeout(
        invocation.run(consumer.handler, async () =>
          (await ownConnections()).run(consumer.handler, () =>
            handler({ Records: records }, lambdaContext(consumer.handler, randomUUID(), handlerTimeoutMs)),
          ),
        ),
        handlerTimeoutMs,
        `${consumer.handler} timed out after ${handlerTimeoutMs} ms`,
      );
      failedAt = firstFailure(response, records);
      if (failedAt !== undefined)
        error = `batchItemFailures from record ${records[failedAt]?.dynamodb?.SequenceNumber}`;
    } catch (err) {
      failedAt = 0;
      error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    }
    const appliedAt = Date.now();
    const doneAt = clock();
    const commitAfter = take.find((e) => e.record)?.commitAfter;
    const lagMs = commitAfter === undefined ? undefined : Math.round(doneAt - commitAfter);
    if (failedAt === undefined) {
      commit(take);
      stats.processed += records.length;
      run.failures = 0;
      run.lastError = undefined;
      if (lagMs !== undefined) stats.lagMs.push(lagMs);
      if (stats.lagMs.length > 100_000) stats.lagMs.splice(0, 50_000);
      opts.onBatch?.({ consumer: consumer.handler, records: records.length, ok: true, appliedAt, lagMs });
      return true;
    }
    const failedSeq = records[failedAt]?.dynamodb?.SequenceNumber;
    commit(
      take.slice(
        0,
        take.findIndex((e) => e.seq === failedSeq),
      ),
    );
    stats.processed += failedAt;
    stats.failedBatches++;
    run.failures++;
    run.lastError = error;
    run.retryAt = doneAt + backoff(run.failures);
    const over = run.failures > consumer.retryAttempts;
    log({
      level: over ? "ERROR" : "WARN",
      message: over
        ? `batch failed ${run.failures} times (deployed, it would go to the failure queue now); retrying`
        : "batch failed; retrying from the first failed record",
      consumer: consumer.handler,
      shardId,
      from: failedSeq,
      error,
    });
    opts.onBatch?.({ consumer: consumer.handler, records: records.length, ok: false, appliedAt, lagMs });
    return false;
  }

  /** Deliver everything the shard holds now; false if a batch failed or a parent is not done. */
  async function drainShard(consumer: StreamConsumer, shard: Shard): Promise<boolean> {
    const shardId = shard.ShardId ?? "";
    const cp = cpOf(consumer.handler, shardId);
    if (cp.finished) return true;
    const parent = shard.ParentShardId;
    if (parent && shards.some((s) => s.ShardId === parent) && !cpOf(consumer.handler, parent).finished)
      return false;
    const run = runOf(consumer.handler, shardId);
    if (run.retryAt > clock()) return false;
    for (;;) {
      while (run.buffer.length) {
        if (stopped || !(await deliver(consumer, shardId, run, cp))) return false;
      }
      if (run.closed) {
        cp.finished = true;
        dirty = true;
        needsRefresh = true; // its children may be new
        return true;
      }
      if (stopped) return false;
      if ((await read(shardId, run, cp)) === 0 && !run.closed) return true;
    }
  }

  async function writeAsOf(iso: string) {
    if (asOfMissing) return;
    if (!asOfFn) {
      if (opts.asOf) asOfFn = opts.asOf;
      else {
        try {
          const m = (await import(
            pathToFileURL(join(FUNCTIONS_DIR, "domain/projections/as-of.ts")).href
          )) as {
            advanceAsOf: (iso: string) => Promise<void>;
          };
          asOfFn = m.advanceAsOf;
        } catch (err) {
          asOfMissing = true;
          log({
            level: "ERROR",
            message: "cannot load advanceAsOf; asOf is not advanced",
            error: String(err),
          });
          return;
        }
      }
    }
    const advance = asOfFn;
    const own = await ownConnections();
    await invocation.run("asOf", () => own.run("asOf", () => advance(iso)));
  }

  async function pass(id: number) {
    const startedAt = new Date();
    const started = clock();
    stats.passes++;
    let drained = true;
    let delivered = stats.delivered;
    for (let round = 0; round < 5; round++) {
      if (needsRefresh || !streamArn || started - lastRefresh > REFRESH_MS) await refresh();
      drained = true;
      for (const consumer of consumers) {
        for (const shard of shards) {
          if (stopped) return { drained: false, delivered: 0 };
          if (!(await drainShard(consumer, shard))) drained = false;
        }
      }
      if (!needsRefresh) break;
    }
    delivered = stats.delivered - delivered;
    deliveredSinceDrain += delivered;
    if (!drained || stopped) return { drained: false, delivered };
    if (deliveredSinceDrain > 0 || lastDrainDelivered) await writeAsOf(startedAt.toISOString());
    lastDrainDelivered = deliveredSinceDrain > 0;
    deliveredSinceDrain = 0;
    for (const w of waiters) if (w.target <= id) w.resolve();
    return { drained: true, delivered };
  }

  function persist() {
    if (!dirty || !opts.checkpointFile) return;
    try {
      saveCheckpoints(opts.checkpointFile, checkpoints);
      dirty = false;
    } catch (err) {
      log({ level: "WARN", message: "cannot write stream checkpoints", error: String(err) });
    }
  }

  const loop = (async () => {
    while (!stopped) {
      const id = ++passesStarted;
      let delay = pollIntervalMs;
      try {
        const r = await pass(id);
        errorStreak = 0;
        lastPassError = undefined;
        if (r.drained)
          delay = r.delivered > 0 || [...waiters].some((w) => w.target > id) ? 0 : pollIntervalMs;
        else {
          const retryAt = Math.min(...[...runs.values()].filter((r) => r.failures > 0).map((r) => r.retryAt));
          delay = Number.isFinite(retryAt) ? Math.max(0, retryAt - clock()) : pollIntervalMs;
        }
      } catch (err) {
        errorStreak++;
        needsRefresh = true;
        lastPassError = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        delay = backoff(errorStreak);
        log({ level: "WARN", message: "reading the stream failed; retrying", error: lastPassError, delay });
      } finally {
        persist();
      }
      if (stopped) break;
      await new Promise<void>((r) => {
        const t = setTimeout(r, delay);
        wake = () => {
          clearTimeout(t);
          r();
        };
      });
      wake = undefined;
    }
  })();

  function state(): string {
    const parts: string[] = [];
    if (lastPassError) parts.push(`reading the stream fails (${errorStreak}×): ${lastPassError}`);
    for (const [key, run] of runs) {
      if (run.failures > 0) {
        const [consumer] = key.split("\u0000");
        parts.push(
          `${consumer} keeps failing on record ${run.buffer.find((e) => e.record)?.seq} (${run.failures}×): ${run.lastError}`,
        );
      }
    }
    if (!parts.length) parts.push(`still projecting (${stats.delivered} records delivered so far)`);
    return parts.join("; ");
  }

  return {
    get streamArn() {
      return streamArn;
    },
    settle(timeoutMs = 15_000) {
      if (stopped) return Promise.reject(new Error("stream poller stopped"));
      return new Promise<void>((resolvePromise, reject) => {
        const waiter = {
          target: passesStarted + 1,
          resolve: () => {
            clearTimeout(timer);
            waiters.delete(waiter);
            resolvePromise();
          },
          reject: (err: Error) => {
            clearTimeout(timer);
            waiters.delete(waiter);
            reject(err);
          },
        };
        const timer = setTimeout(
          () =>
            waiter.reject(
              new Error(`stream of ${opts.tableName} not projected within ${timeoutMs} ms: ${state()}`),
            ),
          timeoutMs,
        );
        waiters.add(waiter);
        wake?.();
      });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      wake?.();
      await loop;
      persist();
      for (const w of waiters) w.reject(new Error("stream poller stopped before the stream was projected"));
      ddb.destroy();
      streams.destroy();
    },
    stats: () => ({ ...stats, lagMs: [...stats.lagMs] }),
  };
}

function backoff(failures: number): number {
  return Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.max(0, failures - 1));
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Index of the lowest failed record, as Lambda reads a partial batch response; undefined if none failed. */
function firstFailure(response: unknown, records: DynamoDBRecord[]): number | undefined {
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

function parentsFirst(list: Shard[]): Shard[] {
  const byId = new Map(list.map((s) => [s.ShardId, s]));
  const out: Shard[] = [];
  const seen = new Set<string | undefined>();
  const visit = (s: Shard) => {
    if (seen.has(s.ShardId)) return;
    seen.add(s.ShardId);
    const parent = s.ParentShardId ? byId.get(s.ParentShardId) : undefined;
    if (parent) visit(parent);
    out.push(s);
  };
  for (const s of list) visit(s);
  return out;
}

/** A stream record as Lambda hands it over: the source ARN added, times in epoch seconds, binaries in base64. */
export function toLambdaRecord(r: StreamRecord, eventSourceARN: string): DynamoDBRecord {
  const d = r.dynamodb ?? {};
  const dynamodb: NonNullable<DynamoDBRecord["dynamodb"]> = {};
  if (d.ApproximateCreationDateTime)
    dynamodb.ApproximateCreationDateTime = Math.floor(d.ApproximateCreationDateTime.getTime() / 1000);
  if (d.Keys) dynamodb.Keys = image(d.Keys);
  if (d.NewImage) dynamodb.NewImage = image(d.NewImage);
  if (d.OldImage) dynamodb.OldImage = image(d.OldImage);
  if (d.SequenceNumber !== undefined) dynamodb.SequenceNumber = d.SequenceNumber;
  if (d.SizeBytes !== undefined) dynamodb.SizeBytes = d.SizeBytes;
  if (d.StreamViewType) dynamodb.StreamViewType = d.StreamViewType;
  const record: DynamoDBRecord = {
    eventID: r.eventID,
    eventName: r.eventName,
    eventVersion: r.eventVersion ?? "1.1",
    eventSource: r.eventSource ?? "aws:dynamodb",
    awsRegion: r.awsRegion,
    eventSourceARN,
    dynamodb,
  };
  if (r.userIdentity?.Type && r.userIdentity.PrincipalId)
    record.userIdentity = { type: r.userIdentity.Type, principalId: r.userIdentity.PrincipalId };
  return record;
}

function image(m: Record<string, StreamAttributeValue>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, attribute(v)]));
}

function attribute(v: StreamAttributeValue): AttributeValue {
  if (v.S !== undefined) return { S: v.S };
  if (v.N !== undefined) return { N: v.N };
  if (v.BOOL !== undefined) return { BOOL: v.BOOL };
  if (v.NULL !== undefined) return { NULL: v.NULL };
  if (v.M !== undefined) return { M: image(v.M) };
  if (v.L !== undefined) return { L: v.L.map(attribute) };
  if (v.SS !== undefined) return { SS: v.SS };
  if (v.NS !== undefined) return { NS: v.NS };
  if (v.B !== undefined) return { B: Buffer.from(v.B).toString("base64") };
  if (v.BS !== undefined) return { BS: v.BS.map((b) => Buffer.from(b).toString("base64")) };
  throw new Error(`unknown attribute type: ${Object.keys(v).join(",")}`);
}
