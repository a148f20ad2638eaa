/**
 * The health check's one read: the catalogue's counter item, so the database is
 * known to answer. Its own small module, so the health function's table rights
 * (derived from what it imports, infra/table-rights.ts) reach that item's partition
 * only, and no phone.
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { keys } from "../../shared/keys.ts";
import { ddb, TABLE_NAME } from "../lib/db.ts";

export async function databaseAnswers(): Promise<void> {
  await ddb.send(new GetCommand({ TableName: TABLE_NAME, Key: keys.categoryCounts() }));
}
