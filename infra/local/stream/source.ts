/**
 * DynamoDB Local's stream of one table, as the poller reads it: the table's current
 * stream, its shards (a parent before its children), an iterator from a checkpoint
 * (or the shard's start), one page of records. Also `ShardMap`, the shards as last
 * listed, re-listed when one closed, when the table may have been recreated, and
 * every REFRESH_MS in any case.
 */
import { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
  type _Record as StreamRecord,
} from "@aws-sdk/client-dynamodb-streams";
import type { CheckpointBook, Log } from "./checkpoints.ts";

/** GetRecords' page; a shorter page means the shard was read to its end at that moment. */
export const PAGE = 1000;
/** Re-read the table and the stream's shards at least this often (new shards, a recreated table). */
export const REFRESH_MS = 10_000;

export const localConfig = (endpoint: string) => ({
  endpoint,
  region: "cn-north-1",
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
});

export interface Page {
  Records?: StreamRecord[];
  NextShardIterator?: string;
}

/** Every shard of the stream. */
export async function listShards(streams: DynamoDBStreamsClient, arn: string): Promise<Shard[]> {
  const listed: Shard[] = [];
  let start: string | undefined;
  do {
    const d = await streams.send(new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: start }));
    listed.push(...(d.StreamDescription?.Shards ?? []));
    start = d.StreamDescription?.LastEvaluatedShardId;
  } while (start);
  return listed;
}

/** The shards, each parent before its children (a parent that is gone is no constraint). */
export function parentsFirst(list: Shard[]): Shard[] {
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

/** What the poller reads a stream with (a `StreamSource`, or any stand-in with the same four calls). */
export type StreamReads = Pick<StreamSource, "latestArn" | "shards" | "iterator" | "page">;

export class StreamSource {
  readonly #ddb: DynamoDBClient;
  readonly #streams: DynamoDBStreamsClient;
  readonly #tableName: string;
  readonly #log: Log;

  constructor(opts: { endpoint: string; tableName: string; log: Log }) {
    // One attempt: a failed read is the poller's to retry (with its backoff), from a fresh iterator.
    const config = {
      ...localConfig(opts.endpoint),
      maxAttempts: 1,
      requestHandler: { requestTimeout: 5_000, connectionTimeout: 2_000 },
    };
    this.#ddb = new DynamoDBClient(config);
    this.#streams = new DynamoDBStreamsClient(config);
    this.#tableName = opts.tableName;
    this.#log = opts.log;
  }

  /** The table's current stream. */
  async latestArn(): Promise<string> {
    const table = (await this.#ddb.send(new DescribeTableCommand({ TableName: this.#tableName }))).Table;
    const arn = table?.StreamSpecification?.StreamEnabled ? table.LatestStreamArn : undefined;
    if (!arn) throw new Error(`table ${this.#tableName} has no stream (ensureTable turns it on)`);
    return arn;
  }

  /** Every shard of the stream, parents first. */
  async shards(arn: string): Promise<Shard[]> {
    return parentsFirst(await listShards(this.#streams, arn));
  }

  /** Where to read a shard from: right after `after`, or its start if none (or trimmed away). */
  async iterator(arn: string, shardId: string, after: string | undefined): Promise<string | undefined> {
    const base = { StreamArn: arn, ShardId: shardId };
    if (after) {
      try {
        const at = { ...base, ShardIteratorType: "AFTER_SEQUENCE_NUMBER" as const, SequenceNumber: after };
        return (await this.#streams.send(new GetShardIteratorCommand(at))).ShardIterator;
      } catch (err) {
        if ((err as Error).name !== "TrimmedDataAccessException") throw err;
        this.#log({
          level: "WARN",
          message: "checkpoint trimmed from the stream; reading from its start",
          shardId,
        });
      }
    }
    const start = { ...base, ShardIteratorType: "TRIM_HORIZON" as const };
    return (await this.#streams.send(new GetShardIteratorCommand(start))).ShardIterator;
  }

  /** One page of records from `iterator` (no NextShardIterator: the shard is closed and read through). */
  page(iterator: string | undefined): Promise<Page> {
    return this.#streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: PAGE }));
  }

  destroy(): void {
    this.#ddb.destroy();
    this.#streams.destroy();
  }
}

/** The stream's shards as last listed, and whether to list them again. */
export class ShardMap {
  arn: string | undefined;
  shards: Shard[] = [];
  #listedAt = 0;
  #stale = true;
  readonly #source: StreamReads;
  readonly #book: CheckpointBook;
  readonly #log: Log;
  /** Told when the table's stream is another than before (the table was recreated). */
  readonly #onNewStream: () => void;

  constructor(source: StreamReads, book: CheckpointBook, log: Log, onNewStream: () => void) {
    this.#source = source;
    this.#book = book;
    this.#log = log;
    this.#onNewStream = onNewStream;
  }

  get stale(): boolean {
    return this.#stale;
  }

  /** List again at the next chance (a shard closed: its children may be new; or reading failed). */
  markStale(): void {
    this.#stale = true;
  }

  /** Whether a pass that started at `now` (monotonic ms) lists the shards first. */
  due(now: number): boolean {
    return this.#stale || !this.arn || now - this.#listedAt > REFRESH_MS;
  }

  /** Re-read the table's stream and its shards; checkpoints of other streams and gone shards are forgotten. */
  async refresh(now: () => number): Promise<void> {
    const arn = await this.#source.latestArn();
    if (arn !== this.arn) {
      if (this.arn) this.#log({ level: "INFO", message: "new stream (table recreated?)", streamArn: arn });
      this.arn = arn;
      this.#onNewStream();
    }
    this.shards = await this.#source.shards(arn);
    this.#book.prune(arn, new Set(this.shards.map((s) => s.ShardId)));
    this.#listedAt = now();
    this.#stale = false;
  }

  /** The shard's parent if it is still listed (a parent must be read through before its child). */
  listedParent(shard: Shard): string | undefined {
    const parent = shard.ParentShardId;
    return parent && this.shards.some((s) => s.ShardId === parent) ? parent : undefined;
  }
}
