import type { DynamoDBRecord } from "aws-lambda";
import { beforeEach, expect, it } from "vitest";
import type { StreamConsumer } from "../../../shared/stream.ts";
import { pkOf, resetRecorder } from "../../../test/support/stream-recorder.ts";
import { handlerInvoke, runAs, streamInvocation } from "./invoke.ts";

/** A real handler module (functions/<handler>.ts resolves to test/support/stream-recorder.ts). */
const consumer: StreamConsumer = {
  handler: "../test/support/stream-recorder",
  summary: "records what it is handed",
  batchSize: 10,
  maxBatchingWindowSeconds: 0,
  retryAttempts: 1,
  pollIntervalMs: 10,
};
const records: DynamoDBRecord[] = ["b1", "b2", "b3"].map((pk, i) => ({
  eventName: "INSERT",
  dynamodb: { SequenceNumber: String(100 + i), Keys: { pk: { S: pk } } },
}));
const invoke = handlerInvoke(1_000);

beforeEach(() => void resetRecorder());

it("runs the consumer's own handler with the batch, inside its invocation, and reads a success", async () => {
  // Prepare
  const rec = resetRecorder();

  // Act
  const outcome = await invoke(consumer, records);

  // Assess
  expect(outcome).toEqual({});
  expect(rec.batches.map((b) => b.map(pkOf))).toEqual([["b1", "b2", "b3"]]);
  expect(rec.invokedAs).toEqual([consumer.handler]);
  expect(streamInvocation()).toBeUndefined();
});

it("reads batchItemFailures as the lowest failed record, and a throw as the whole batch", async () => {
  // Prepare
  const rec = resetRecorder();
  rec.failPk.set("b3", 1);
  rec.failPk.set("b2", 1);

  // Act
  const partial = await invoke(consumer, records);
  rec.throwTimes = 1;
  const thrown = await invoke(consumer, records);

  // Assess
  expect(partial).toEqual({ failedAt: 1, error: "batchItemFailures from record 101" });
  expect(thrown).toEqual({ failedAt: 0, error: "Error: recorder told to throw" });
});

it("fails the whole batch when the handler outlives its timeout, or cannot be loaded", async () => {
  // Prepare
  const rec = resetRecorder();
  rec.delayMs = 300;

  // Act
  const late = await handlerInvoke(50)(consumer, records);
  const missing = await invoke({ ...consumer, handler: "stream/no-such-consumer" }, records);

  // Assess
  expect(late).toEqual({ failedAt: 0, error: `Error: ${consumer.handler} timed out after 50 ms` });
  expect(missing.failedAt).toBe(0);
  expect(missing.error).toMatch(/no-such-consumer/);
});

it("runAs runs other stream work (asOf) as its own invocation", async () => {
  expect(await runAs("asOf", async () => streamInvocation())).toBe("asOf");
});
