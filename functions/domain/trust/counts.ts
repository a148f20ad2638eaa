/**
 * Day counters with a cap: one small item per number or account and district day,
 * raised by one on the condition it is below the cap, gone with TTL two days later.
 * Whoever raises it past nothing gets `false` and sends nothing.
 */
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { localDay } from "../../../shared/clock.ts";
import { keys } from "../../../shared/keys.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";

export type CountScope = Parameters<typeof keys.smsCount>[0];

const KEEP_SECONDS = 2 * 86_400;

/** Count one more for `id` today (the district's day at `now`) if fewer than `cap` so far; whether it was. */
export async function countBelow(scope: CountScope, id: string, cap: number, now: Date): Promise<boolean> {
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: keys.smsCount(scope, id, localDay(now)),
        UpdateExpression: "ADD #n :one SET #ttl = if_not_exists(#ttl, :ttl)",
        ConditionExpression: "attribute_not_exists(#n) OR #n < :cap",
        ExpressionAttributeNames: { "#n": "n", "#ttl": "ttl" },
        ExpressionAttributeValues: {
          ":one": 1,
          ":cap": cap,
          ":ttl": Math.floor(now.getTime() / 1000) + KEEP_SECONDS,
        },
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof Error && err.name === "ConditionalCheckFailedException") return false;
    throw err;
  }
}
