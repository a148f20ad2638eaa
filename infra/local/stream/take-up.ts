/**
 * `takeUpAtLatest` sets every consumer's checkpoints at the end of the table's stream:
 * what was written before is not projected (a fast load already did it in memory, see
 * demo-load.ts).
 */
import { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from "@aws-sdk/client-dynamodb-streams";
import { STREAM_CONSUMERS, type StreamConsumer } from "../../../shared/stream.ts";
import { type Checkpoint, loadCheckpoints, saveCheckpoints } from "./checkpoints.ts";
import { listShards, localConfig } from "./source.ts";

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
  const ddb = new DynamoDBClient(localConfig(opts.endpoint));
  const streams = new DynamoDBStreamsClient(localConfig(opts.endpoint));
  try {
    const table = (await ddb.send(new DescribeTableCommand({ TableName: opts.tableName }))).Table;
    const arn = table?.LatestStreamArn;
    if (!arn) throw new Error(`table ${opts.tableName} has no stream`);
    const shards = await listShards(streams, arn);
    const open = shards.filter((s) => !s.SequenceNumberRange?.EndingSequenceNumber);
    const latest = (shardId: string | undefined) =>
      streams.send(
        new GetShardIteratorCommand({ StreamArn: arn, ShardId: shardId, ShardIteratorType: "LATEST" }),
      );
    const iterators = await Promise.all(open.map(async (s) => (await latest(s.ShardId)).ShardIterator));
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
