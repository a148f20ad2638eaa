/** Whether a number's owner opted out of every text (opt-out.ts writes it). */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { keys } from "../../../shared/keys.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";

export async function isOptedOut(phone: string): Promise<boolean> {
  const res = await ddb.send(new GetCommand({ TableName: TABLE_NAME, Key: keys.optOut(phone) }));
  return res.Item !== undefined;
}
