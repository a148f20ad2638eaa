/**
 * infra/local/stream.ts against DynamoDB Local's real stream, with a recording consumer
 * (test/support/stream-recorder.ts): what reaches the handler, in which order and shape,
 * what a partial batch failure redelivers, what settle() waits for, and that a restart
 * from a checkpoint does not redeliver.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DeleteItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import { afterAll, afterEach, beforeEach, expect, it } from "vitest";
import { ensureTable, localClient } from "../../infra/local/dynamo.ts";
import { type StreamPoller, startStreamPoller, streamInvocation } from "../../infra/local/stream.ts";
import type { StreamConsumer } from "../../shared/stream.ts";
import { pkOf, recorder, resetRecorder } from "../support/stream-recorder.ts";

const endpoint = process.env.DYNAMODB_ENDPOINT ?? "";
const db = localClient(endpoint);
const consumer: StreamConsumer = {
  handler: "../test/support/stream-recorder",
  summary: "records what it is handed",
  batchSize: 3,
  maxBatchingWindowSeconds: 0,
  retryAttempts: 2,
  pollIntervalMs: 20,
};
const dir = mkdtempSync(join(tmpdir(), "stream-poller-"));
let table: string;
let pollers: StreamPoller[] = [];
const logs: Record<string, unknown>[] = [];

beforeEach(async () => {
  table = `stream-${randomUUID()}`;
  await ensureTable(endpoint, table);
  resetRecorder();
  logs.length = 0;
});
afterEach(async () => {
  await Promise.all(pollers.map((p) => p.stop()));
  pollers = [];
});
afterAll(() => {
  db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

function poller(opts: { checkpointFile?: string; asOf?: (iso: string) => Promise<void> } = {}) {
  const p = startStreamPoller({
    endpoint,
    tableName: table,
    consumers: [consumer],
    log: (l) => logs.push(l),
    asOf: opts.asOf ?? false,
    ...(opts.checkpointFile ? { checkpointFile: opts.checkpointFile } : {}),
  });
  pollers.push(p);
  return p;
}

const item = (pk: string, type: string, extra: Record<string, { S: string }> = {}) => ({
  pk: { S: pk },
  sk: { S: "item" },
  type: { S: type },
  ...extra,
});
const put = (pk: string, type = "booking") =>
  db.send(new PutItemCommand({ TableName: table, Item: item(pk, type) }));
const delivered = (batches: DynamoDBRecord[][]) => batches.flat().map((r) => `${r.eventName} ${pkOf(r)}`);

it("hands over projected records in commit order, in Lambda's shape, batchSize at most", async () => {
  // Prepare
  const t0 = Date.now();
  await db.send(
    new TransactWriteItemsCommand({
      TransactItems: [
        { Put: { TableName: table, Item: item("b1", "booking") } },
        { Put: { TableName: table, Item: item("l1", "user") } },
        { Put: { TableName: table, Item: item("r1", "review") } },
      ],
    }),
  );
  await put("b2");
  await put("l2", "user");
  await db.send(
    new UpdateItemCommand({
      TableName: table,
      Key: { pk: { S: "b1" }, sk: { S: "item" } },
      UpdateExpression: "SET #s = :s",
      ExpressionAttributeNames: { "#s": "status" },
      ExpressionAttributeValues: { ":s": { S: "accepted" } },
    }),
  );
  await db.send(new DeleteItemCommand({ TableName: table, Key: { pk: { S: "b2" }, sk: { S: "item" } } }));
  const beforeLast = Date.now();
  await put("b3");

  // Act: all of it is in the stream before the poller starts, so batches are full.
  const asOf: string[] = [];
  const p = poller({ asOf: async (iso) => void asOf.push(iso) });
  await p.settle();

  // Assess
  const { batches } = recorder();
  expect(delivered(batches)).toEqual([
    "INSERT b1",
    "INSERT r1",
    "INSERT b2",
    "MODIFY b1",
    "REMOVE b2",
    "INSERT b3",
  ]);
  expect(batches.map((b) => b.length)).toEqual([3, 3]);
  expect(recorder().invokedAs).toEqual([consumer.handler, consumer.handler]);
  expect(streamInvocation()).toBeUndefined();
  const records = batches.flat();
  const seqs = records.map((r) => BigInt(r.dynamodb?.SequenceNumber ?? "0"));
  expect([...seqs].sort((a, b) => (a < b ? -1 : 1))).toEqual(seqs);
  for (const r of records) {
    expect(Object.keys(r).sort()).toEqual(
      [
        "awsRegion",
        "dynamodb",
        "eventID",
        "eventName",
        "eventSource",
        "eventSourceARN",
        "eventVersion",
      ].sort(),
    );
    expect(r).toMatchObject({
      eventVersion: "1.1",
      eventSource: "aws:dynamodb",
      eventSourceARN: p.streamArn,
    });
    expect(r.eventSourceARN).toMatch(new RegExp(`^arn:aws:dynamodb:[^:]+:\\d+:table/${table}/stream/`));
    expect(typeof r.awsRegion).toBe("string");
    const d = r.dynamodb ?? {};
    expect(d.StreamViewType).toBe("NEW_AND_OLD_IMAGES");
    expect(d.SizeBytes).toBeGreaterThan(0);
    expect(d.Keys).toEqual({ pk: { S: pkOf(r) }, sk: { S: "item" } });
    // Epoch seconds, as Lambda gives it (DynamoDB Local rounds it down to the minute).
    expect(Number.isInteger(d.ApproximateCreationDateTime)).toBe(true);
    expect(d.ApproximateCreationDateTime).toBeGreaterThan(t0 / 1000 - 120);
    expect(d.ApproximateCreationDateTime).toBeLessThanOrEqual(Date.now() / 1000);
    expect(Boolean(d.NewImage)).toBe(r.eventName !== "REMOVE");
    expect(Boolean(d.OldImage)).toBe(r.eventName !== "INSERT");
  }
  expect(records[3]?.dynamodb?.NewImage?.status).toEqual({ S: "accepted" });
  expect(records[3]?.dynamodb?.OldImage?.status).toBeUndefined();
  expect(p.stats()).toMatchObject({ delivered: 6, processed: 6, filtered: 2, batches: 2, failedBatches: 0 });

  // asOf: advanced past the last commit, never backwards, and no longer written once idle.
  expect(asOf.length).toBeGreaterThan(0);
  expect(Date.parse(asOf.at(-1) ?? "")).toBeGreaterThanOrEqual(beforeLast);
  expect([...asOf].sort()).toEqual(asOf);
  await new Promise((r) => setTimeout(r, 300));
  const written = asOf.length;
  await new Promise((r) => setTimeout(r, 300));
  expect(asOf.length).toBe(written);
});

it("redelivers a failed batch from its lowest failed record on, and nothing before it", async () => {
  // Prepare
  const rec = recorder();
  rec.failPk.set("b2", 1);
  rec.failPk.set("b3", 1);
  for (const pk of ["b1", "b2", "b3", "b4", "b5"]) await put(pk);

  // Act
  const p = poller();
  await p.settle();

  // Assess: [b1 b2 b3] reports b3 and b2 failed; b1 is done; from b2 on is handed over again.
  expect(rec.batches.map((b) => b.map(pkOf))).toEqual([["b1", "b2", "b3"], ["b2", "b3", "b4"], ["b5"]]);
  expect(p.stats()).toMatchObject({ delivered: 7, processed: 5, failedBatches: 1 });
  expect(logs.filter((l) => l.level === "WARN").map((l) => l.from)).toEqual([
    rec.batches[0]?.[1]?.dynamodb?.SequenceNumber,
  ]);
});

it("redelivers the whole batch when the handler throws, and keeps polling", async () => {
  // Prepare
  const rec = recorder();
  rec.throwTimes = 2;
  for (const pk of ["b1", "b2"]) await put(pk);

  // Act
  const p = poller();
  await p.settle();
  await put("b3");
  await p.settle();

  // Assess
  expect(delivered(rec.batches)).toEqual([
    "INSERT b1",
    "INSERT b2",
    "INSERT b1",
    "INSERT b2",
    "INSERT b1",
    "INSERT b2",
    "INSERT b3",
  ]);
});

it("settle() waits for every batch of what was committed before it, and says why when it cannot", async () => {
  // Prepare
  const rec = recorder();
  rec.delayMs = 200;
  const p = poller();
  await p.settle();

  // Act
  for (const pk of ["b1", "b2", "b3", "b4", "b5"]) await put(pk);
  await p.settle();

  // Assess
  expect(delivered(rec.batches)).toEqual(["b1", "b2", "b3", "b4", "b5"].map((pk) => `INSERT ${pk}`));

  // A record that keeps failing: settle() gives up with the reason, and settles once it passes.
  rec.delayMs = 0;
  rec.failPk.set("b6", Number.POSITIVE_INFINITY);
  await put("b6");
  await expect(p.settle(1500)).rejects.toThrow(/not projected within 1500 ms: .*keeps failing on record \d+/);
  rec.failPk.delete("b6");
  await p.settle();
  expect(delivered(rec.batches).at(-1)).toBe("INSERT b6");
  expect(logs.some((l) => l.level === "ERROR")).toBe(true); // past retryAttempts
});

it("a restart from a checkpoint goes on where it stopped; an unknown shard is read from the start", async () => {
  // Prepare
  const checkpointFile = join(dir, `${table}.json`);
  const first = poller({ checkpointFile });
  for (const pk of ["b1", "b2", "b3"]) await put(pk);
  await first.settle();
  await first.stop();
  const rec = resetRecorder();

  // Act
  await put("b4");
  const second = poller({ checkpointFile });
  await second.settle();

  // Assess
  expect(delivered(rec.batches)).toEqual(["INSERT b4"]);
  await second.stop();

  // A checkpoint from another stream of the table (recreated) or a shard that is gone.
  const arn = second.streamArn ?? "";
  writeFileSync(
    checkpointFile,
    JSON.stringify({
      [consumer.handler]: {
        [arn.replace(/stream\/.*$/, "stream/2000-01-01T00:00:00.000")]: { "shardId-gone": { after: "9" } },
        [arn]: { "shardId-gone": { after: "99999999999999999999" } },
      },
    }),
  );
  const again = resetRecorder();
  const third = poller({ checkpointFile });
  await third.settle();
  expect(delivered(again.batches)).toEqual(["b1", "b2", "b3", "b4"].map((pk) => `INSERT ${pk}`));
});
