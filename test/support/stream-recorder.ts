/**
 * A stream consumer for the poller's own test (test/integration/stream-poller.test.ts):
 * a real handler module, loaded by the poller as it loads functions/stream/project.ts,
 * that records every batch it is handed and fails when told to. Its state lives on
 * globalThis so the test and the poller see the same recorder however each imported it.
 */
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { streamInvocation } from "../../infra/local/stream.ts";

export interface Recorder {
  /** Every invocation's records, in the order they were handed over. */
  batches: DynamoDBRecord[][];
  /** What `streamInvocation()` said inside each invocation. */
  invokedAs: (string | undefined)[];
  /** Record `pk` → how many more deliveries of it to report as failed (batchItemFailures). */
  failPk: Map<string, number>;
  /** How many more invocations to fail by throwing. */
  throwTimes: number;
  /** Time each invocation takes (ms). */
  delayMs: number;
}

const KEY = Symbol.for("wangtao.test.streamRecorder");
const store = globalThis as { [KEY]?: Recorder };

export function recorder(): Recorder {
  store[KEY] ??= { batches: [], invokedAs: [], failPk: new Map(), throwTimes: 0, delayMs: 0 };
  return store[KEY];
}

export function resetRecorder(): Recorder {
  store[KEY] = { batches: [], invokedAs: [], failPk: new Map(), throwTimes: 0, delayMs: 0 };
  return store[KEY];
}

/** `pk` of a record's item (new or old image). */
export const pkOf = (r: DynamoDBRecord): string | undefined => r.dynamodb?.Keys?.pk?.S;

export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const rec = recorder();
  rec.batches.push(event.Records);
  rec.invokedAs.push(streamInvocation());
  if (rec.delayMs) await new Promise((r) => setTimeout(r, rec.delayMs));
  if (rec.throwTimes > 0) {
    rec.throwTimes--;
    throw new Error("recorder told to throw");
  }
  const batchItemFailures: DynamoDBBatchResponse["batchItemFailures"] = [];
  // Reported last-first: the poller must retry from the lowest, not the first listed.
  for (const r of [...event.Records].reverse()) {
    const pk = pkOf(r) ?? "";
    const times = rec.failPk.get(pk) ?? 0;
    if (times > 0) {
      rec.failPk.set(pk, times - 1);
      batchItemFailures.push({ itemIdentifier: r.dynamodb?.SequenceNumber ?? "" });
    }
  }
  return { batchItemFailures };
}
