/**
 * The poller's reading half (infra/local/stream/source.ts, reader.ts, take-up.ts)
 * against DynamoDB Local's real stream: the table's stream and shards, pages in commit
 * order in Lambda's shape with the filter's verdict, a read from a checkpoint, the
 * shards listed again after the table is recreated, and the stream taken up at its end.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateTableCommand, DeleteTableCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, afterEach, beforeEach, expect, it } from "vitest";
import { ensureTable, localClient } from "../../infra/local/dynamo.ts";
import { CheckpointBook } from "../../infra/local/stream/checkpoints.ts";
import { ShardReader } from "../../infra/local/stream/reader.ts";
import { ShardMap, StreamSource } from "../../infra/local/stream/source.ts";
import { takeUpAtLatest } from "../../infra/local/stream/take-up.ts";
import { STREAM_CONSUMERS } from "../../shared/stream.ts";

const endpoint = process.env.DYNAMODB_ENDPOINT ?? "";
const db = localClient(endpoint);
const dir = mkdtempSync(join(tmpdir(), "stream-source-"));
const logs: Record<string, unknown>[] = [];
const log = (l: Record<string, unknown>) => void logs.push(l);
const clock = () => performance.now();
let table: string;
let source: StreamSource;

beforeEach(async () => {
  table = `source-${randomUUID()}`;
  await ensureTable(endpoint, table);
  source = new StreamSource({ endpoint, tableName: table, log });
  logs.length = 0;
});
afterEach(() => source.destroy());
afterAll(() => {
  db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const put = (pk: string, type = "booking") =>
  db.send(
    new PutItemCommand({ TableName: table, Item: { pk: { S: pk }, sk: { S: "item" }, type: { S: type } } }),
  );

/** The table's one open shard, a reader of it, and a read that returns the new entries' keys. */
async function firstShard() {
  const arn = await source.latestArn();
  const shards = await source.shards(arn);
  const shardId = shards.find((s) => !s.SequenceNumberRange?.EndingSequenceNumber)?.ShardId ?? "";
  return { arn, shards, shardId };
}
const pks = (r: ShardReader, from = 0) =>
  r.buffer.slice(from).map((e) => e.record?.dynamodb?.Keys?.pk?.S ?? null);

it("finds the table's stream and its shards, and says so when the table has none", async () => {
  // Prepare
  const bare = `bare-${randomUUID()}`;
  await db.send(
    new CreateTableCommand({
      TableName: bare,
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
  const noStream = new StreamSource({ endpoint, tableName: bare, log });

  // Act
  const { arn, shards } = await firstShard();

  // Assess
  expect(arn).toMatch(new RegExp(`^arn:aws:dynamodb:[^:]+:\\d+:table/${table}/stream/`));
  expect(shards.length).toBeGreaterThan(0);
  await expect(noStream.latestArn()).rejects.toThrow(`table ${bare} has no stream`);
  noStream.destroy();
});

it("reads pages in commit order, in Lambda's shape, keeping filtered records as bare sequence numbers", async () => {
  // Prepare
  await put("b1");
  await put("u1", "user");
  await put("r1", "review");
  const { arn, shardId } = await firstShard();
  const reader = new ShardReader(shardId, clock);

  // Act: what was there before any read, then nothing new, then a later write.
  const first = await reader.read(source, arn, undefined);
  const idle = await reader.read(source, arn, undefined);
  const beforeLater = clock();
  await put("b2");
  const later = await reader.read(source, arn, undefined);

  // Assess
  expect(first).toEqual({ read: 3, filtered: 1 });
  expect(idle).toEqual({ read: 0, filtered: 0 });
  expect(later).toEqual({ read: 1, filtered: 0 });
  expect(pks(reader)).toEqual(["b1", null, "r1", "b2"]);
  const seqs = reader.buffer.map((e) => BigInt(e.seq));
  expect([...seqs].sort((a, b) => (a < b ? -1 : 1))).toEqual(seqs);
  expect(reader.buffer[0]?.record).toMatchObject({ eventName: "INSERT", eventSourceARN: arn });
  expect(reader.buffer[0]?.record?.dynamodb?.NewImage?.type).toEqual({ S: "booking" });
  // Records there before the first complete read have no lag bound; a later one is bounded by that read.
  expect(reader.buffer.slice(0, 3).map((e) => e.commitAfter)).toEqual([undefined, undefined, undefined]);
  expect(reader.buffer[3]?.commitAfter).toBeLessThanOrEqual(beforeLater);
  expect(reader.closed).toBe(false);
});

it("a reader starting from a checkpoint reads only what came after it", async () => {
  // Prepare
  for (const pk of ["b1", "b2", "b3"]) await put(pk);
  const { arn, shardId } = await firstShard();
  const all = new ShardReader(shardId, clock);
  await all.read(source, arn, undefined);

  // Act
  const resumed = new ShardReader(shardId, clock);
  await resumed.read(source, arn, all.buffer[0]?.seq);

  // Assess
  expect(pks(resumed)).toEqual(["b2", "b3"]);
});

it("the shard map lists the shards, forgets gone ones, and notices a recreated table", async () => {
  // Prepare
  const book = new CheckpointBook(undefined, log);
  let newStreams = 0;
  const map = new ShardMap(source, book, log, () => newStreams++);
  const { arn: before, shardId } = await firstShard();
  book.advance(book.of("c", before, "shardId-gone"), "1");
  book.advance(book.of("c", before, shardId), "2");

  // Act
  const dueAtStart = map.due(clock());
  await map.refresh(clock);
  const dueAfter = map.due(clock());
  await db.send(new DeleteTableCommand({ TableName: table }));
  await ensureTable(endpoint, table);
  map.markStale();
  await map.refresh(clock);

  // Assess
  expect([dueAtStart, dueAfter]).toEqual([true, false]);
  expect(newStreams).toBe(2);
  expect(map.arn).not.toBe(before);
  expect(logs).toMatchObject([
    { level: "INFO", message: "new stream (table recreated?)", streamArn: map.arn },
  ]);
  expect(map.shards.length).toBeGreaterThan(0);
  expect(map.listedParent({ ShardId: "x", ParentShardId: "not-listed" })).toBeUndefined();
  // The old stream's checkpoints are forgotten with it (a fresh object is handed out).
  expect(book.of("c", before, shardId)).toEqual({});
});

it("takes the stream up at its end: a reader from the checkpoint sees only what comes after the mark", async () => {
  // Prepare
  for (const pk of ["b1", "b2"]) await put(pk);
  const file = join(dir, `${table}.json`);

  // Act
  await takeUpAtLatest({ endpoint, tableName: table, file, mark: () => put("mark", "demo") });
  await put("b3");
  const { arn, shardId } = await firstShard();
  const checkpoints = JSON.parse(readFileSync(file, "utf8"));
  const reader = new ShardReader(shardId, clock);
  await reader.read(source, arn, checkpoints[STREAM_CONSUMERS[0].handler]?.[arn]?.[shardId]?.after);

  // Assess
  expect(Object.keys(checkpoints)).toEqual(STREAM_CONSUMERS.map((c) => c.handler));
  expect(pks(reader)).toEqual(["b3"]);
});
