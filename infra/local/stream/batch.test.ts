import type { DynamoDBRecord } from "aws-lambda";
import fc from "fast-check";
import { expect, it } from "vitest";
import { backoff, firstFailure, Retry, recordsOf, takeBatch } from "./batch.ts";
import type { Entry } from "./reader.ts";

const rec = (seq: string): DynamoDBRecord => ({ dynamodb: { SequenceNumber: seq } });
/** `r` a record the filter kept, `f` one it dropped; sequence numbers 1, 2, … */
const entries = (shape: string): Entry[] =>
  [...shape].map((c, i) =>
    c === "r" ? { seq: String(i + 1), record: rec(String(i + 1)) } : { seq: String(i + 1) },
  );
const seqs = (es: Entry[]) => es.map((e) => e.seq);

it("takes batchSize records at most, with the filtered entries among and right after them", () => {
  // Act & Assess
  expect(seqs(takeBatch(entries("frfrrfr"), 2))).toEqual(["1", "2", "3", "4"]);
  expect(seqs(takeBatch(entries("rrff"), 2))).toEqual(["1", "2", "3", "4"]);
  expect(seqs(takeBatch(entries("fff"), 2))).toEqual(["1", "2", "3"]);
  expect(takeBatch([], 5)).toEqual([]);
  expect(recordsOf(entries("frfr")).map((r) => r.dynamodb?.SequenceNumber)).toEqual(["2", "4"]);
});

it("a batch is always a prefix of the buffer holding min(batchSize, records) records", () => {
  fc.assert(
    fc.property(fc.array(fc.boolean(), { maxLength: 40 }), fc.integer({ min: 1, max: 10 }), (kept, size) => {
      const buffer = entries(kept.map((k) => (k ? "r" : "f")).join(""));
      const take = takeBatch(buffer, size);
      expect(take).toEqual(buffer.slice(0, take.length));
      expect(recordsOf(take)).toHaveLength(Math.min(size, recordsOf(buffer).length));
      // Nothing that could have been taken was left: the next entry is a record, if any.
      if (recordsOf(take).length < size) expect(take).toHaveLength(buffer.length);
      else if (take.length < buffer.length) expect(buffer[take.length]?.record).toBeDefined();
    }),
  );
});

it("reads a partial batch response as Lambda does: the lowest failed record, or the whole batch", () => {
  // Prepare
  const records = ["10", "11", "12", "13"].map(rec);
  const failing = (...ids: unknown[]) => ({
    batchItemFailures: ids.map((itemIdentifier) => ({ itemIdentifier })),
  });

  // Act & Assess
  expect(firstFailure(undefined, records)).toBeUndefined();
  expect(firstFailure({}, records)).toBeUndefined();
  expect(firstFailure({ batchItemFailures: [] }, records)).toBeUndefined();
  expect(firstFailure({ batchItemFailures: "no" }, records)).toBeUndefined();
  expect(firstFailure(failing("13", "11"), records)).toBe(1);
  expect(firstFailure(failing("12"), records)).toBe(2);
  expect(firstFailure(failing("12", "99"), records)).toBe(0); // cannot be placed: all of it
  expect(firstFailure({ batchItemFailures: [null] }, records)).toBe(0);
});

it("backs off from 100 ms, doubling, to 5 s at most; a success ends the run of failures", () => {
  // Act & Assess
  expect([0, 1, 2, 3, 6, 7, 50].map(backoff)).toEqual([100, 100, 200, 400, 3200, 5000, 5000]);
  const retry = new Retry();
  expect(retry.waiting(0)).toBe(false);
  retry.failed("boom", 1000);
  retry.failed("bang", 1000);
  expect(retry).toMatchObject({ failures: 2, lastError: "bang", retryAt: 1200 });
  expect(retry.waiting(1199)).toBe(true);
  expect(retry.waiting(1200)).toBe(false);
  retry.succeeded();
  expect(retry).toMatchObject({ failures: 0, lastError: undefined });
});
