/**
 * One pass over plain inputs: a stream stand-in whose shards split as DynamoDB's do
 * (a closed parent, its children), which DynamoDB Local does not do within a test.
 */
import type { Shard, _Record as StreamRecord } from "@aws-sdk/client-dynamodb-streams";
import { expect, it } from "vitest";
import type { StreamConsumer } from "../../../shared/stream.ts";
import { CheckpointBook } from "./checkpoints.ts";
import { Delivery } from "./delivery.ts";
import type { Outcome } from "./invoke.ts";
import { Pass } from "./pass.ts";
import { Runs } from "./runs.ts";
import { parentsFirst, ShardMap, type StreamReads } from "./source.ts";
import { newStats } from "./stats.ts";

const ARN = "arn:aws:dynamodb:ddblocal:000000000000:table/t/stream/2026-12-02T00:00:00.000";
const consumer: StreamConsumer = {
  handler: "stream/test",
  summary: "test",
  batchSize: 10,
  maxBatchingWindowSeconds: 0,
  retryAttempts: 3,
  pollIntervalMs: 10,
};

/**
 * A stream of shards, each a list of records; a closed shard's iterator ends after its
 * last page. As in DynamoDB, a shard's children show in the listing only once it has
 * closed (here: once it was read to its end), so a pass sees them by listing again.
 */
class FakeStream implements StreamReads {
  readonly shardList: Shard[] = [];
  readonly records = new Map<string, StreamRecord[]>();
  readonly closed = new Set<string>();
  readonly #readThrough = new Set<string>();
  listings = 0;
  #seq = 0;

  add(shardId: string, parent?: string) {
    this.shardList.push({ ShardId: shardId, ...(parent ? { ParentShardId: parent } : {}) });
    this.records.set(shardId, []);
  }
  write(shardId: string, ...pks: string[]) {
    for (const pk of pks)
      this.records.get(shardId)?.push({
        eventName: "INSERT",
        dynamodb: {
          SequenceNumber: String(++this.#seq).padStart(6, "0"),
          Keys: { pk: { S: pk } },
          NewImage: { type: { S: "booking" } },
        },
      });
  }
  async latestArn() {
    return ARN;
  }
  async shards() {
    this.listings++;
    const shown = this.shardList.filter((sh) => !sh.ParentShardId || this.#readThrough.has(sh.ParentShardId));
    return parentsFirst(shown.reverse());
  }
  async iterator(_arn: string, shardId: string, after: string | undefined) {
    const list = this.records.get(shardId) ?? [];
    return `${shardId}|${after ? list.findIndex((r) => r.dynamodb?.SequenceNumber === after) + 1 : 0}`;
  }
  async page(iterator: string | undefined) {
    const [shardId = "", from = "0"] = (iterator ?? "").split("|");
    const list = this.records.get(shardId) ?? [];
    const Records = list.slice(Number(from));
    const end = this.closed.has(shardId);
    if (end) this.#readThrough.add(shardId);
    return { Records, ...(end ? {} : { NextShardIterator: `${shardId}|${list.length}` }) };
  }
}

function setup(outcomes: Outcome[] = []) {
  const clock = { t: 0 };
  const now = () => clock.t;
  const stream = new FakeStream();
  const book = new CheckpointBook(undefined, () => undefined);
  const runs = new Runs(now);
  const map = new ShardMap(
    stream,
    book,
    () => undefined,
    () => runs.clear(),
  );
  const stats = newStats();
  const handed: string[][] = [];
  const delivery = new Delivery({
    book,
    stats,
    log: () => undefined,
    now,
    invoke: async (_, records) => {
      handed.push(records.map((r) => r.dynamodb?.Keys?.pk?.S ?? ""));
      return outcomes.shift() ?? {};
    },
  });
  let stopped = false;
  const pass = new Pass({
    consumers: [consumer],
    source: stream,
    map,
    book,
    runs,
    delivery,
    stats,
    now,
    stopped: () => stopped,
  });
  return { clock, stream, book, map, stats, handed, pass, stop: () => (stopped = true) };
}

it("reads a closed parent through before its children, and lists the shards again when it closes", async () => {
  // Prepare
  const s = setup();
  s.stream.add("A");
  s.stream.add("B", "A");
  s.stream.add("C", "B");
  s.stream.write("A", "a1", "a2");
  s.stream.write("B", "b1");
  s.stream.write("C", "c1");
  s.stream.closed.add("A");
  s.stream.closed.add("B");

  // Act
  const drained = await s.pass.run(0);

  // Assess: A, then B (listed once A is read through), then C (once B is).
  expect(drained).toBe(true);
  expect(s.handed).toEqual([["a1", "a2"], ["b1"], ["c1"]]);
  expect(s.stream.listings).toBe(3);
  expect(s.book.of(consumer.handler, ARN, "A")).toEqual({ after: "000002", finished: true });
  expect(s.book.of(consumer.handler, ARN, "C")).toEqual({ after: "000004" });
});

it("a failing parent holds its children back; the next pass goes on from the failed record", async () => {
  // Prepare
  const s = setup([{ failedAt: 1, error: "x" }]);
  s.stream.add("A");
  s.stream.add("B", "A");
  s.stream.write("A", "a1", "a2");
  s.stream.write("B", "b1");
  s.stream.closed.add("A");

  // Act
  const first = await s.pass.run(0);
  const held = await s.pass.run(0); // still backing off (100 ms)
  s.clock.t = 100;
  const second = await s.pass.run(0);

  // Assess
  expect([first, held, second]).toEqual([false, false, true]);
  expect(s.handed).toEqual([["a1", "a2"], ["a2"], ["b1"]]);
  expect(s.stats).toMatchObject({ delivered: 4, processed: 3, failedBatches: 1 });
});

it("goes round at most five times in one pass, and stops when told", async () => {
  // Prepare: seven generations, each closed.
  const s = setup();
  const ids = ["G0", "G1", "G2", "G3", "G4", "G5", "G6"];
  ids.forEach((id, i) => {
    s.stream.add(id, ids[i - 1]);
    s.stream.write(id, `${id.toLowerCase()}`);
    s.stream.closed.add(id);
  });

  // Act
  const first = await s.pass.run(0);
  const staleAfter = s.map.stale;
  s.stop();
  const stopped = await s.pass.run(0);

  // Assess: five generations this pass, the rest for the next (the shards it listed are
  // drained, and the listing is stale, so the next pass lists again first); a stopped
  // pass delivers nothing.
  expect(first).toBe(true);
  expect(staleAfter).toBe(true);
  expect(s.handed.flat()).toEqual(["g0", "g1", "g2", "g3", "g4"]);
  expect(stopped).toBeUndefined();
  expect(s.handed).toHaveLength(5);
});
