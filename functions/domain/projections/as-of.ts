/**
 * The dashboard's freshness: the instant up to which every booking change is
 * projected. Only ever moves forward (a conditional write), whoever advances it:
 * the local poller after a pass that drained the stream, or the deployed projector
 * after each batch (to the newest change it applied).
 */
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { keys } from "../../../shared/keys.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";

export async function advanceAsOf(iso: string): Promise<void> {
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: keys.projectionsAsOf(),
        UpdateExpression: "SET #asOf = :iso, #type = :type",
        ConditionExpression: "attribute_not_exists(#asOf) OR #asOf < :iso",
        ExpressionAttributeNames: { "#asOf": "asOf", "#type": "type" },
        ExpressionAttributeValues: { ":iso": iso, ":type": "projectionsAsOf" },
      }),
    );
  } catch (err) {
    if ((err as Error).name !== "ConditionalCheckFailedException") throw err;
  }
}

/** When nothing was ever projected: the epoch (everything after it may be missing). */
export const NEVER = new Date(0).toISOString();
