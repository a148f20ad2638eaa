/**
 * `npm run seed`: reload the demo district. Uses the DynamoDB Local that
 * `npm start` runs if it is up, else starts one on DATA_DIR for the duration.
 */

import { resolve } from "node:path";
import { DeleteTableCommand, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { ensureTable, localClient, startDynamo } from "./dynamo.ts";

const DYNAMODB_PORT = Number(process.env.DYNAMODB_PORT ?? 8000);
const TABLE = process.env.TABLE_NAME ?? "wangtao";
const endpoint = `http://127.0.0.1:${DYNAMODB_PORT}`;

let started: Awaited<ReturnType<typeof startDynamo>> | undefined;
try {
  await localClient(endpoint).send(new ListTablesCommand({}));
} catch {
  started = await startDynamo({ port: DYNAMODB_PORT, dataDir: resolve(process.env.DATA_DIR ?? ".data") });
}
try {
  const client = localClient(endpoint);
  const tables = await client.send(new ListTablesCommand({}));
  if (tables.TableNames?.includes(TABLE)) await client.send(new DeleteTableCommand({ TableName: TABLE }));
  await ensureTable(endpoint, TABLE);
  process.env.TABLE_NAME = TABLE;
  process.env.DYNAMODB_ENDPOINT = endpoint;
  const { loadDemoDistrict } = await import("./demo.ts");
  const loaded = await loadDemoDistrict();
  console.log(`Reloaded the demo district: ${loaded.listings} listings, ${loaded.people} people.`);
} finally {
  await started?.stop();
}
