/**
 * Loading data the fast way, whatever the data: `build` runs the same domain code the
 * API runs (listings, sessions, bookings, reviews… each step at its own past date)
 * against a table in memory (memory/table.ts), which records every write as the
 * table's stream would. Those changes then go through the projector's own
 * `applyChanges` (projections/facts.ts + plan.ts, the very functions the stream
 * projector runs), still in memory, so counters, gauges, rankings, listing figures
 * and notifications are exactly what the stream would have left. The final items
 * go to DynamoDB in bulk requests, several at a time (writeItems); the stream is
 * then taken up after them (stream/take-up.ts), so the load is not projected a
 * second time.
 */

import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { applyChanges } from "../../functions/domain/projections/apply.ts";
import { advanceAsOf } from "../../functions/domain/projections/as-of.ts";
import type { Change } from "../../functions/domain/projections/facts.ts";
import { transact } from "../../functions/domain/transact.ts";
import { pause } from "../../functions/lib/backoff.ts";
import { writeAll } from "../../functions/lib/batch.ts";
import { ddb, TABLE_NAME } from "../../functions/lib/db.ts";
import { STREAM } from "../../shared/stream.ts";
import type { Item } from "./memory/expressions.ts";
import { MemoryTable } from "./memory/table.ts";
import { takeUpAtLatest } from "./stream/take-up.ts";

/** BatchWriteItem requests in flight at once. */
const LANES = 8;
/** Changes per applyChanges call, as the projector's own slice. */
const SLICE = 100;

type Send = typeof ddb.send;

/** Run `fn` with every command of the domain's client answered by `table` instead of DynamoDB. */
export async function againstMemory<T>(table: MemoryTable, fn: () => Promise<T>): Promise<T> {
  const real: Send = ddb.send;
  ddb.send = ((command: Parameters<Send>[0]) => table.send(command)) as Send;
  try {
    return await fn();
  } finally {
    ddb.send = real;
  }
}

const projected = new Set<unknown>(STREAM.projectedTypes);

/** The table's changes the stream projector would be handed (its filter: shared/stream.ts). */
function streamChanges(table: MemoryTable): Change[] {
  return table.changes
    .filter((c) => projected.has(c.new?.type) || projected.has(c.old?.type))
    .map((c, i) => ({ id: `load-${i}`, ...(c.old ? { old: c.old } : {}), ...(c.new ? { new: c.new } : {}) }));
}

export interface Loaded<T> {
  result: T;
  /** Items written to DynamoDB. */
  items: number;
  /** Changes projected in memory. */
  projected: number;
  ms: { build: number; project: number; write: number };
}

export interface LoadOptions {
  now?: Date;
  /** The item written last, alone, once everything else is in: its presence says the load is complete. */
  mark: { pk: string; sk: string };
  /** The stream's checkpoints to set after the load (the poller then starts there). */
  stream?: { endpoint: string; tableName: string; checkpointFile: string };
}

/** What a load writes, made in memory: the items, and the mark to write last. */
export interface Prepared<T> {
  result: T;
  items: Item[];
  mark: Item;
  /** Changes projected in memory. */
  projected: number;
  ms: { build: number; project: number };
}

/** Build in memory and project in memory (no DynamoDB needed yet: it may still be starting). */
export async function prepareLoad<T>(
  build: () => Promise<T>,
  opts: Pick<LoadOptions, "now" | "mark">,
): Promise<Prepared<T>> {
  const now = opts.now ?? new Date();
  const table = new MemoryTable();
  const t0 = performance.now();
  const result = await againstMemory(table, build);
  const t1 = performance.now();
  const changes = streamChanges(table);
  await againstMemory(table, async () => {
    for (let i = 0; i < changes.length; i += SLICE) await applyChanges(changes.slice(i, i + SLICE));
    await advanceAsOf(now.toISOString());
  });
  const t2 = performance.now();
  const isMark = (i: Item) => i.pk === opts.mark.pk && i.sk === opts.mark.sk;
  return {
    result,
    // The projector's once-only markers guard against a replay of the stream; this load is not one.
    items: table.all().filter((i) => i.type !== "projected" && !isMark(i)),
    mark: table.all().find(isMark) ?? { ...opts.mark },
    projected: changes.length,
    ms: { build: t1 - t0, project: t2 - t1 },
  };
}

/** Write what was prepared, the mark last, and take the stream up after it. */
export async function writeLoad<T>(p: Prepared<T>, stream?: LoadOptions["stream"]): Promise<Loaded<T>> {
  const t0 = performance.now();
  await writeItems(p.items);
  const writeMark = () => ddb.send(new PutCommand({ TableName: TABLE_NAME, Item: p.mark }));
  if (stream)
    await takeUpAtLatest({
      endpoint: stream.endpoint,
      tableName: stream.tableName,
      file: stream.checkpointFile,
      mark: writeMark,
    });
  else await writeMark();
  return {
    result: p.result,
    items: p.items.length + 1,
    projected: p.projected,
    ms: { ...p.ms, write: performance.now() - t0 },
  };
}

/** Build in memory, project in memory, write in bulk (see the top of this file). */
export async function loadFast<T>(build: () => Promise<T>, opts: LoadOptions): Promise<Loaded<T>> {
  return writeLoad(await prepareLoad(build, opts), opts.stream);
}

/** Items in one request at most: a transaction's limit, and BatchWriteItem's. */
const PER = { transactions: 100, batches: 25 } as const;

/**
 * Every item, LANES requests in flight at once. `transactions` (the default): plain
 * puts, 100 a TransactWriteItems, which DynamoDB Local commits to its file at once
 * (about 4× the rate of BatchWriteItem there, which commits item by item; see
 * test/bench/start.ts); a cancelled one is sent again. `batches`: BatchWriteItem,
 * 25 a request, unprocessed items sent again (writeAll).
 */
export async function writeItems(
  items: readonly Item[],
  how: keyof typeof PER = "transactions",
): Promise<void> {
  const chunks: Item[][] = [];
  for (let i = 0; i < items.length; i += PER[how]) chunks.push(items.slice(i, i + PER[how]));
  const lane = async () => {
    for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
      if (how === "batches") await writeAll(chunk.map((Item) => ({ PutRequest: { Item } })));
      else await putTogether(chunk);
    }
  };
  await Promise.all(Array.from({ length: LANES }, lane));
}

async function putTogether(chunk: readonly Item[]) {
  const items = chunk.map((Item, i) => ({ tag: String(i), Put: { TableName: TABLE_NAME, Item } }));
  for (let attempt = 0; ; attempt++) {
    const out = await transact(items);
    if (out.ok) return;
    if (attempt >= 20) throw new Error("load: a write kept being cancelled");
    await pause(attempt);
  }
}
