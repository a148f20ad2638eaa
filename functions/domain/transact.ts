/**
 * One TransactWriteItems per booking operation, and what to do when DynamoDB
 * cancels it: a condition that failed is reported by item index (the caller turns
 * it into a domain error or re-reads and decides again); a conflict with another
 * transaction on the same item is retried after a jittered pause.
 */
import { TransactWriteCommand, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import { ddb } from "../lib/db.ts";
import { update } from "../lib/expr.ts";
import { Unavailable } from "./errors.ts";

/** One operation of a transaction (loosely typed: stats.ts builds its Updates as records). */
export type TransactItem = {
  Put?: Record<string, unknown>;
  Update?: Record<string, unknown>;
  Delete?: Record<string, unknown>;
  ConditionCheck?: Record<string, unknown>;
};
type SdkItems = NonNullable<TransactWriteCommandInput["TransactItems"]>;

export type Outcome = { ok: true } | { ok: false; failed: Set<number> };

/** Send once; a cancelled transaction comes back as the indices whose condition failed. */
export async function transactOnce(items: TransactItem[]): Promise<Outcome> {
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: mergeUpdates(items) as SdkItems }));
    return { ok: true };
  } catch (err) {
    const e = err as Error & { CancellationReasons?: { Code?: string }[] };
    if (e.name !== "TransactionCanceledException") throw err;
    const reasons = e.CancellationReasons ?? [];
    const failed = new Set<number>();
    reasons.forEach((r, i) => {
      if (r.Code === "ConditionalCheckFailed") failed.add(i);
    });
    return { ok: false, failed };
  }
}

export const RETRY = Symbol("retry");

/**
 * Run `attempt` until it returns something other than RETRY: each attempt reads
 * afresh and decides again. Contention that outlasts the attempts is a 503 with
 * Retry-After (the client may simply try again), never a wrong answer.
 */
export async function withRetries<T>(
  attempt: (n: number) => Promise<T | typeof RETRY>,
  maxAttempts = 40,
): Promise<T> {
  for (let n = 0; n < maxAttempts; n++) {
    if (n > 0)
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(250, 8 * 2 ** Math.min(n, 6))));
    const result = await attempt(n);
    if (result !== RETRY) return result;
  }
  throw new Unavailable(1);
}

/**
 * DynamoDB refuses two operations on one item in a transaction. Stats counters of
 * two facts in one transition (a cancellation and the promotion it causes) hit the
 * same day items: merge Updates of one key built by `update()` (SET and ADD only)
 * into one, summing the ADDs.
 */
export function mergeUpdates(items: TransactItem[]): TransactItem[] {
  const byKey = new Map<string, number>();
  const out: TransactItem[] = [];
  for (const item of items) {
    const u = item.Update;
    if (!u) {
      out.push(item);
      continue;
    }
    const id = `${u.TableName}|${JSON.stringify(u.Key)}`;
    const at = byKey.get(id);
    if (at === undefined) {
      byKey.set(id, out.length);
      out.push(item);
      continue;
    }
    const a = parseSetAdd(out[at]?.Update as Parsable);
    const b = parseSetAdd(u as Parsable);
    const add = { ...a.add };
    for (const [k, v] of Object.entries(b.add)) add[k] = (add[k] ?? 0) + v;
    out[at] = {
      Update: { TableName: u.TableName, Key: u.Key, ...update({ set: { ...a.set, ...b.set }, add }) },
    };
  }
  return out;
}

type Parsable = {
  UpdateExpression?: string;
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
};

function parseSetAdd(u: Parsable): { set: Record<string, unknown>; add: Record<string, number> } {
  const expr = u.UpdateExpression ?? "";
  if (u.ConditionExpression || /\bREMOVE\b|\bDELETE\b|if_not_exists|list_append/.test(expr))
    throw new Error(`cannot merge update: ${expr}`);
  const names = u.ExpressionAttributeNames ?? {};
  const values = u.ExpressionAttributeValues ?? {};
  const set: Record<string, unknown> = {};
  const add: Record<string, number> = {};
  const m = /^(?:SET (.*?))?\s*(?:ADD (.*))?$/.exec(expr);
  if (!m) throw new Error(`cannot merge update: ${expr}`);
  for (const part of (m[1] ?? "").split(",").filter((s) => s.trim())) {
    const [n, v] = part.split("=").map((s) => s.trim());
    if (!n || !v || names[n] === undefined) throw new Error(`cannot merge update: ${expr}`);
    set[names[n]] = values[v];
  }
  for (const part of (m[2] ?? "").split(",").filter((s) => s.trim())) {
    const [n, v] = part.trim().split(/\s+/);
    const value = v === undefined ? undefined : values[v];
    if (!n || names[n] === undefined || typeof value !== "number")
      throw new Error(`cannot merge update: ${expr}`);
    add[names[n]] = value;
  }
  return { set, add };
}
