/**
 * Where the local poller (stream.ts) has read the table's stream up to, per consumer
 * and shard, kept in a file so a restart goes on where the last run stopped; and
 * `takeUpAtLatest`, which sets every consumer's checkpoints at the stream's end:
 * what was written before is not projected (a fast load already did it in memory,
 * see demo-load.ts).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
} from "@aws-sdk/client-dynamodb-streams";
import { STREAM_CONSUMERS, type StreamConsumer } from "../../shared/stream.ts";

export type Checkpoint = { after?: string; finished?: boolean };
/** consumer → stream ARN → shard id → checkpoint */
export type Checkpoints = Record<string, Record<string, Record<string, Checkpoint>>>;
type Log = (line: Record<string, unknown>) => void;

export function loadCheckpoints(file: string | undefined, log: Log): Checkpoints {
  if (!file || !existsSync(file)) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return parsed as Checkpoints;
  } catch (err) {
    log({
      level: "WARN",
      message: "unreadable stream checkpoints; reading the stream from its start",
      error: String(err),
    });
  }
  return {};
}

/** Write the checkpoints atomically (a crash mid-write leaves the previous file). */
export function saveCheckpoints(file: string, checkpoints: Checkpoints): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(checkpoints, null, 2)}\n`);
  renameSync(tmp, file);
}

const clientConfig = (endpoint: string) => ({
  endpoint,
  region: "cn-north-1",
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
});

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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Read a LATEST iterator until a record comes: that record's sequence number. */
async function firstRecordFrom(streams: DynamoDBStreamsClient, iterator: string | undefined) {
  for (let tries = 0; iterator && tries < 100; tries++) {
    const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
    const records = page.Records ?? [];
    const seq = records[records.length - 1]?.dynamodb?.SequenceNumber;
    if (seq) return seq;
    iterator = page.NextShardIterator;
    await sleep(20);
  }
  return undefined;
}

/**
 * Set every consumer's checkpoints at the end of the table's stream, in `file`, so
 * the poller (started after) reads only what comes later. The end is found without
 * reading the stream through: each open shard's LATEST position is taken, `mark`
 * writes one item, and the checkpoint goes right after that item's record. Closed
 * shards are finished.
 */
export async function takeUpAtLatest(opts: {
  endpoint: string;
  tableName: string;
  file: string;
  mark: () => Promise<unknown>;
  consumers?: readonly StreamConsumer[];
}): Promise<void> {
  const ddb = new DynamoDBClient(clientConfig(opts.endpoint));
  const streams = new DynamoDBStreamsClient(clientConfig(opts.endpoint));
  try {
    const table = (await ddb.send(new DescribeTableCommand({ TableName: opts.tableName }))).Table;
    const arn = table?.LatestStreamArn;
    if (!arn) throw new Error(`table ${opts.tableName} has no stream`);
    const shards = await listShards(streams, arn);
    const open = shards.filter((s) => !s.SequenceNumberRange?.EndingSequenceNumber);
    const iterators = await Promise.all(
      open.map(
        async (s) =>
          (
            await streams.send(
              new GetShardIteratorCommand({
                StreamArn: arn,
                ShardId: s.ShardId,
                ShardIteratorType: "LATEST",
              }),
            )
          ).ShardIterator,
      ),
    );
    await opts.mark();
    const ends: Record<string, Checkpoint> = {};
    for (const s of shards) if (!open.includes(s)) ends[s.ShardId ?? ""] = { finished: true };
    const found = await Promise.all(iterators.map((it) => firstRecordFrom(streams, it)));
    open.forEach((s, i) => {
      const after = found[i];
      ends[s.ShardId ?? ""] = after ? { after } : {};
    });
    if (open.length && !found.some(Boolean))
      throw new Error("the stream did not show the load's last write: its end is unknown");
    const checkpoints = loadCheckpoints(opts.file, () => undefined);
    for (const consumer of opts.consumers ?? STREAM_CONSUMERS)
      checkpoints[consumer.handler] = {
        ...checkpoints[consumer.handler],
        [arn]: Object.fromEntries(Object.entries(ends).map(([id, cp]) => [id, { ...cp }])),
      };
    saveCheckpoints(opts.file, checkpoints);
  } finally {
    ddb.destroy();
    streams.destroy();
  }
}
