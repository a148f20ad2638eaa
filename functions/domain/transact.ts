/**
 * One TransactWriteItems per booking operation, with every item named by a tag, so
 * a cancelled transaction says WHICH conditions failed ("seat", "liveGuard",
 * "idempotency"…) rather than at which array position.
 */
import { TransactWriteCommand, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import { pause } from "../lib/backoff.ts";
import { ddb } from "../lib/db.ts";
import { Unavailable } from "./errors.ts";

type SdkItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/** One operation of a transaction and the name its failure is reported under. */
export type TaggedItem<Tag extends string = string> = { tag: Tag } & (
  | { Put: NonNullable<SdkItem["Put"]> }
  | { Update: NonNullable<SdkItem["Update"]> }
  | { Delete: NonNullable<SdkItem["Delete"]> }
  | { ConditionCheck: NonNullable<SdkItem["ConditionCheck"]> }
);

export type Outcome<Tag extends string = string> =
  | { ok: true }
  | {
      ok: false;
      /** Tags of the items whose condition failed. */
      failed: Set<Tag>;
      /** Another transaction held one of the items (DynamoDB's TransactionConflict): try again. */
      conflict: boolean;
    };

/** The SDK input of tagged items (the tags stay on our side). */
export function untag(items: readonly TaggedItem[]): SdkItem[] {
  return items.map(({ tag: _tag, ...op }) => op);
}

/** Send once; a cancelled transaction comes back as the tags whose condition failed. */
export async function transact<Tag extends string>(items: readonly TaggedItem<Tag>[]): Promise<Outcome<Tag>> {
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: untag(items) }));
    return { ok: true };
  } catch (err) {
    if (!(err instanceof Error) || err.name !== "TransactionCanceledException") throw err;
    const reasons: { Code?: string }[] =
      "CancellationReasons" in err && Array.isArray(err.CancellationReasons) ? err.CancellationReasons : [];
    return failedTags(items, reasons);
  }
}

/** Pair DynamoDB's cancellation reasons (one per item, in order) with the items' tags. */
export function failedTags<Tag extends string>(
  items: readonly TaggedItem<Tag>[],
  reasons: readonly { Code?: string }[],
): Outcome<Tag> {
  const failed = new Set<Tag>();
  let conflict = false;
  items.forEach((item, i) => {
    const code = reasons[i]?.Code;
    if (code === "ConditionalCheckFailed") failed.add(item.tag);
    else if (code === "TransactionConflict") conflict = true;
  });
  return { ok: false, failed, conflict };
}

export const RETRY = Symbol("retry");

/**
 * Run `attempt` until it returns something other than RETRY: each attempt reads
 * afresh and decides again, after a short jittered pause that grows with the
 * attempts. Contention that outlasts them is a 503 with Retry-After (the client
 * may simply try again), never a wrong answer.
 */
export async function withRetries<T>(
  attempt: (n: number) => Promise<T | typeof RETRY>,
  maxAttempts = 40,
): Promise<T> {
  for (let n = 0; n < maxAttempts; n++) {
    if (n > 0) await pause(n);
    const result = await attempt(n);
    if (result !== RETRY) return result;
  }
  throw new Unavailable(1);
}
