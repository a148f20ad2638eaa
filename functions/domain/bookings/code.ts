/**
 * The 核销码: a wrong code counts, and after MAX_CODE_FAILURES wrong codes only the
 * resident's own confirmation can complete the booking (the stream tells them so).
 */
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { keys } from "../../../shared/keys.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";
import { ACTION_LABEL, MAX_CODE_FAILURES } from "../booking-rules.ts";
import { Conflict, InvalidTransition } from "../errors.ts";
import type { BookingItem } from "./item.ts";
import { getBookingItem } from "./read.ts";

export const locked = () =>
  new Conflict(
    "COMPLETION_LOCKED",
    `核销码已连续输错 ${MAX_CODE_FAILURES} 次，请由居民在“我的预约”中确认服务完成`,
  );

/** Count a wrong code (bounded by the lock) and answer 409: how many tries are left, or locked. */
export async function countWrongCode(b: BookingItem, now: Date): Promise<never> {
  let failures: number;
  try {
    const res = await ddb.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: keys.booking(b.id),
        UpdateExpression: "ADD #f :one SET #at = :now",
        ConditionExpression: "#status = :accepted AND (attribute_not_exists(#f) OR #f < :max)",
        ExpressionAttributeNames: { "#f": "codeFailures", "#at": "codeFailedAt", "#status": "status" },
        ExpressionAttributeValues: {
          ":one": 1,
          ":now": now.toISOString(),
          ":accepted": "accepted",
          ":max": MAX_CODE_FAILURES,
        },
        ReturnValues: "UPDATED_NEW",
      }),
    );
    failures = Number(res.Attributes?.codeFailures ?? MAX_CODE_FAILURES);
  } catch (err) {
    if (!(err instanceof Error) || err.name !== "ConditionalCheckFailedException") throw err;
    const fresh = await getBookingItem(b.id);
    if (fresh && fresh.status !== "accepted")
      throw new InvalidTransition(fresh.status, ACTION_LABEL.complete);
    throw locked();
  }
  const left = MAX_CODE_FAILURES - failures;
  if (left <= 0) throw locked();
  throw new Conflict("COMPLETION_CODE_MISMATCH", `核销码不正确，还可以再试 ${left} 次`, [
    { attemptsLeft: left },
  ]);
}
