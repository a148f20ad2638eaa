/**
 * The local stack a benchmark runs on: DynamoDB Local in memory on a free port with
 * a fresh table, and (optionally) the real local server. The environment points at
 * it before any handler module is imported.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ensureTable, startDynamo } from "../../infra/local/dynamo.ts";
import { freePort } from "../support/global-setup.ts";

export async function startBenchStack(tableName: string) {
  const dynamo = await startDynamo({ port: await freePort() });
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.TABLE_NAME = tableName;
  process.env.POWERTOOLS_LOG_LEVEL = "SILENT";
  await ensureTable(dynamo.endpoint, tableName);
  return { endpoint: dynamo.endpoint, stop: () => dynamo.stop() };
}

/** The API server (no storefront) on a free port; call after startBenchStack. */
export async function startBenchServer() {
  const { createApiServer } = await import("../../infra/local/server.ts");
  const { createIssuer } = await import("../../infra/local/tokens.ts");
  const issuer = await createIssuer();
  const server: Server = createApiServer({ issuer });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    issuer,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
