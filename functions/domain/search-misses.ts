/**
 * Searches that found nothing: the storefront reports them, the dashboard lists
 * them as unmet demand. One counter per Shanghai month and normalized text; a
 * month holds at most MAX_DISTINCT_PER_MONTH distinct texts, so junk cannot make
 * the dashboard's read grow without bound (further new texts that month are
 * dropped; texts already counted keep counting).
 */

import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { localMonth } from "../../shared/clock.ts";
import { keys } from "../../shared/keys.ts";
import { ddb, TABLE_NAME } from "../lib/db.ts";
import { update, withCondition } from "../lib/expr.ts";
import { ValidationFailed } from "./errors.ts";
import { transact } from "./transact.ts";

export const MAX_MISS_CHARS = 30;
export const MAX_DISTINCT_PER_MONTH = 500;

/** NFKC (full-width → half-width), lower case, no control/format characters, single spaces, ≤ 30 characters. */
export function normalizeMiss(q: string): string {
  const cleaned = q
    .normalize("NFKC")
    .replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}]/gu, " ")
    .toLowerCase()
    .replace(/\s+/gu, " ")
    .trim();
  return [...cleaned].slice(0, MAX_MISS_CHARS).join("").trim();
}

const isConditionFailure = (err: unknown) => (err as Error).name === "ConditionalCheckFailedException";

export async function recordSearchMiss(text: string, now = new Date()): Promise<void> {
  const q = normalizeMiss(text);
  if (q === "") throw new ValidationFailed("搜索内容不能为空", [{ in: "body", path: "q", message: "为空" }]);
  const month = localMonth(now);
  const key = { TableName: TABLE_NAME, Key: keys.searchMiss(month, q) };
  const count = update({ set: { day: month, q }, add: { count: 1 } });
  const counted = (condition: string) => ({ ...key, ...withCondition(count, condition, { "#pk": "pk" }) });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // A text already counted today: one UpdateItem.
      await ddb.send(new UpdateCommand(counted("attribute_exists(#pk)")));
      return;
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
    // A new text: take one of the month's distinct slots in the same transaction.
    const added = await transact([
      {
        tag: "monthCap",
        Update: {
          TableName: TABLE_NAME,
          Key: keys.searchMissCap(month),
          ...withCondition(
            update({ add: { distinct: 1 } }),
            "attribute_not_exists(#distinct) OR #distinct < :max",
            {},
            { ":max": MAX_DISTINCT_PER_MONTH },
          ),
        },
      },
      { tag: "newText", Update: counted("attribute_not_exists(#pk)") },
    ]);
    if (added.ok) return;
    // Either the month is full (drop it) or someone created the same text meanwhile (count it once more).
  }
}
