import type { DynamoDBRecord } from "aws-lambda";
import { expect, it } from "vitest";
import type { StreamConsumer } from "../../../shared/stream.ts";
import { CheckpointBook } from "./checkpoints.ts";
import { Delivery } from "./delivery.ts";
import type { Invoke, Outcome } from "./invoke.ts";
import type { Entry } from "./reader.ts";
import { Runs } from "./runs.ts";
import { type BatchReport, newStats } from "./stats.ts";

const consumer: StreamConsumer = {
  handler: "stream/test",
  summary: "test",
  batchSize: 2,
  maxBatchingWindowSeconds: 0,
  retryAttempts: 1,
  pollIntervalMs: 10,
};
const ARN = "arn:aws:dynamodb:ddblocal:000000000000:table/t/stream/2026-12-02T00:00:00.000";

/** `r` a record the filter kept, `f` one it dropped; sequence numbers 1, 2, …, read at 1000 ms. */
const entries = (shape: string): Entry[] =>
  [...shape].map((c, i) => {
    const seq = String(i + 1);
    return c === "r" ? { seq, record: { dynamodb: { SequenceNumber: seq } }, commitAfter: 1000 } : { seq };
  });
const seqOf = (r: DynamoDBRecord) => r.dynamodb?.SequenceNumber;

/** A delivery whose handler answers with `outcomes`, one per call; the clock stands at 1250 ms. */
function setup(shape: string, outcomes: Outcome[]) {
  const runs = new Runs(() => 0);
  const run = runs.of(consumer.handler, "shard-1");
  run.reader.buffer.push(...entries(shape));
  const book = new CheckpointBook(undefined, () => undefined);
  const cp = book.of(consumer.handler, ARN, "shard-1");
  const handed: string[][] = [];
  const invoke: Invoke = async (_, records) => {
    handed.push(records.map((r) => seqOf(r) ?? ""));
    return outcomes.shift() ?? {};
  };
  const logs: Record<string, unknown>[] = [];
  const reports: BatchReport[] = [];
  const stats = newStats();
  const delivery = new Delivery({
    book,
    stats,
    invoke,
    log: (l) => void logs.push(l),
    now: () => 1250,
    onBatch: (b) => void reports.push(b),
  });
  const next = () => delivery.next(consumer, "shard-1", run, cp);
  const left = () => run.reader.buffer.map((e) => e.seq);
  return { run, runs, cp, handed, logs, reports, stats, next, left };
}

it("hands over batchSize records, and the checkpoint moves past them and the filtered ones among them", async () => {
  // Prepare
  const s = setup("rrfrr", []);

  // Act
  const ok = await s.next();

  // Assess
  expect(ok).toBe(true);
  expect(s.handed).toEqual([["1", "2"]]);
  expect(s.left()).toEqual(["4", "5"]);
  expect(s.cp).toEqual({ after: "3" });
  expect(s.stats).toMatchObject({ delivered: 2, processed: 2, batches: 1, failedBatches: 0, lagMs: [250] });
  expect(s.reports).toMatchObject([{ consumer: "stream/test", records: 2, ok: true, lagMs: 250 }]);
});

it("moves past filtered entries without calling the handler", async () => {
  // Prepare
  const s = setup("ff", []);

  // Act & Assess
  expect(await s.next()).toBe(true);
  expect(s.handed).toEqual([]);
  expect(s.left()).toEqual([]);
  expect(s.cp).toEqual({ after: "2" });
  expect(s.stats.batches).toBe(0);
});

it("after a partial failure keeps the failed record and what follows, and backs off", async () => {
  // Prepare: the handler reports the batch's second record (seq 3) failed.
  const s = setup("rfrr", [{ failedAt: 1, error: "batchItemFailures from record 3" }]);

  // Act
  const ok = await s.next();

  // Assess
  expect(ok).toBe(false);
  expect(s.handed).toEqual([["1", "3"]]);
  expect(s.left()).toEqual(["3", "4"]);
  expect(s.cp).toEqual({ after: "2" });
  expect(s.stats).toMatchObject({ delivered: 2, processed: 1, failedBatches: 1, lagMs: [] });
  expect(s.run.retry).toMatchObject({
    failures: 1,
    retryAt: 1350,
    lastError: "batchItemFailures from record 3",
  });
  expect(s.runs.nextRetryAt()).toBe(1350);
  expect(s.runs.failures()).toEqual([
    "stream/test keeps failing on record 3 (1×): batchItemFailures from record 3",
  ]);
  expect(s.logs).toMatchObject([{ level: "WARN", from: "3", shardId: "shard-1", consumer: "stream/test" }]);
  expect(s.reports).toMatchObject([{ ok: false, records: 2 }]);
});

it("a batch that fails as a whole moves nothing; past retryAttempts it says so as an ERROR; a success ends it", async () => {
  // Prepare
  const s = setup("rr", [
    { failedAt: 0, error: "Error: boom" },
    { failedAt: 0, error: "Error: boom" },
  ]);

  // Act
  const results = [await s.next(), await s.next(), await s.next()];

  // Assess
  expect(results).toEqual([false, false, true]);
  expect(s.handed).toEqual([
    ["1", "2"],
    ["1", "2"],
    ["1", "2"],
  ]);
  expect(s.logs.map((l) => l.level)).toEqual(["WARN", "ERROR"]);
  expect(s.logs[1]?.message).toMatch(/failed 2 times .*failure queue/);
  expect(s.cp).toEqual({ after: "2" });
  expect(s.stats).toMatchObject({ delivered: 6, processed: 2, batches: 3, failedBatches: 2 });
  expect(s.run.retry.failures).toBe(0);
  expect(s.runs.nextRetryAt()).toBeUndefined();
});
