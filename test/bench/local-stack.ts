/**
 * The local stack a benchmark runs on: DynamoDB Local in memory on a free port with
 * a fresh table, the stream projectors polling it (as `npm start` runs them), and
 * (optionally) the real local server. The environment points at it before any
 * handler module is imported.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ensureTable, startDynamo } from "../../infra/local/dynamo.ts";
import { type BatchReport, startStreamPoller } from "../../infra/local/stream.ts";
import { freePort } from "../support/global-setup.ts";
import { countRequestCommandsOnly } from "../support/request-commands.ts";

export async function startBenchStack(
  tableName: string,
  opts: { stream?: boolean; onBatch?: (batch: BatchReport) => void } = {},
) {
  const dynamo = await startDynamo({ port: await freePort() });
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.TABLE_NAME = tableName;
  process.env.POWERTOOLS_LOG_LEVEL = "SILENT";
  const { streamArn } = await ensureTable(dynamo.endpoint, tableName);
  await countRequestCommandsOnly();
  const poller =
    opts.stream === false
      ? undefined
      : startStreamPoller({
          endpoint: dynamo.endpoint,
          tableName,
          ...(opts.onBatch ? { onBatch: opts.onBatch } : {}),
        });
  return {
    endpoint: dynamo.endpoint,
    streamArn,
    /** DynamoDB Local's pid (SIGSTOP/SIGCONT to freeze it). */
    pid: dynamo.pid,
    /** The projectors' figures: records delivered, batches, per-batch lag bounds (ms). */
    poller,
    /** Resolves once everything committed before the call is projected. */
    settle: (timeoutMs?: number) => poller?.settle(timeoutMs) ?? Promise.resolve(),
    stop: async () => {
      await poller?.stop();
      await dynamo.stop();
    },
  };
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
