/**
 * `npm run seed`: reload the demo district into DATA_DIR, the fast way (demo-load.ts),
 * with the stream's checkpoints set after the load. `npm start` must be stopped
 * first: its stream poller would otherwise read the new table's stream from the
 * start and count the load a second time.
 */

import { join, resolve } from "node:path";
import { DeleteTableCommand, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { ensureTable, localClient, startDynamo } from "./dynamo.ts";

const DYNAMODB_PORT = Number(process.env.DYNAMODB_PORT ?? 8000);
const TABLE = process.env.TABLE_NAME ?? "wangtao";
const DATA_DIR = resolve(process.env.DATA_DIR ?? ".data");
const endpoint = `http://127.0.0.1:${DYNAMODB_PORT}`;

const running = await localClient(endpoint)
  .send(new ListTablesCommand({}))
  .then(() => true)
  .catch(() => false);
if (running) {
  console.error(
    `✗ DynamoDB Local already answers on ${DYNAMODB_PORT}: stop \`npm start\` (Ctrl-C), then run \`npm run seed\` again.`,
  );
  process.exit(1);
}
const started = await startDynamo({ port: DYNAMODB_PORT, dataDir: DATA_DIR });
try {
  const client = localClient(endpoint);
  const tables = await client.send(new ListTablesCommand({}));
  if (tables.TableNames?.includes(TABLE)) await client.send(new DeleteTableCommand({ TableName: TABLE }));
  await ensureTable(endpoint, TABLE);
  process.env.TABLE_NAME = TABLE;
  process.env.DYNAMODB_ENDPOINT = endpoint;
  process.env.POWERTOOLS_LOG_LEVEL ??= "WARN";
  const { loadDemoDistrict } = await import("./demo.ts");
  const loaded = await loadDemoDistrict(new Date(), {
    endpoint,
    tableName: TABLE,
    checkpointFile: join(DATA_DIR, "stream-checkpoints.json"),
  });
  console.log(`Reloaded the demo district: ${loaded.listings} listings, ${loaded.people} people.`);
} finally {
  await started.stop();
}
