/** BatchWriteItem in chunks of 25, retrying what DynamoDB leaves unprocessed. */
import { BatchWriteCommand, type BatchWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import { ddb, TABLE_NAME } from "../lib/db.ts";

type WriteRequest = NonNullable<BatchWriteCommandInput["RequestItems"]>[string][number];

export async function writeAll(requests: WriteRequest[]): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let pending: WriteRequest[] = requests.slice(i, i + 25);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
      const res = await ddb.send(new BatchWriteCommand({ RequestItems: { [TABLE_NAME]: pending } }));
      pending = res.UnprocessedItems?.[TABLE_NAME] ?? [];
      if (attempt > 8 && pending.length)
        throw new Error("BatchWriteItem left items unprocessed after retries");
    }
  }
}
