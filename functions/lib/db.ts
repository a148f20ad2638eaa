/**
 * The DynamoDB document client, built once per container. Every command sent is
 * counted in `sentCommands` so tests can assert how many requests a read costs.
 *
 * Locally the stream projectors run in the API's process (deployed they are Lambdas
 * of their own, with their own connections): code run inside `ownConnections` gets
 * a connection pool of its own, so a rush's queue of joins waiting for a socket does
 * not hold up the projection, as it would not deployed.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { HttpHandlerOptions } from "@smithy/types";
import { env } from "./env.ts";

const local = env.dynamoEndpoint !== undefined;

/**
 * DynamoDB Local (one SQLite file) does one write at a time: more requests in flight only
 * lengthen its queue, and whatever else needs it (the projection) waits at the back. A
 * few connections keep it busy; the rest of a rush waits here, in arrival order.
 */
const LOCAL_SOCKETS = Number(process.env.DYNAMODB_LOCAL_SOCKETS ?? 8);

/** Run `fn` on connections of its own (the local stream poller runs each projector so). */
export const ownConnections = new AsyncLocalStorage<string>();

/** Two pools, chosen per call by `ownConnections`. */
class LaneHandler extends NodeHttpHandler {
  readonly #own = new NodeHttpHandler();
  override handle(request: Parameters<NodeHttpHandler["handle"]>[0], options?: HttpHandlerOptions) {
    return ownConnections.getStore() ? this.#own.handle(request, options) : super.handle(request, options);
  }
  override destroy() {
    this.#own.destroy();
    super.destroy();
  }
}

const client = new DynamoDBClient({
  region: env.region,
  ...(local
    ? {
        endpoint: env.dynamoEndpoint,
        credentials: { accessKeyId: "local", secretAccessKey: "local" },
        maxAttempts: 2,
        requestHandler: new LaneHandler({ httpAgent: { maxSockets: LOCAL_SOCKETS } }),
      }
    : {}),
});

export const ddb = DynamoDBDocumentClient.from(client, {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});

export const TABLE_NAME = env.tableName;

/** Names of the commands sent, in order; tests reset and read it. */
export const sentCommands: string[] = [];

ddb.middlewareStack.add(
  (next, context) => async (args) => {
    sentCommands.push(String(context.commandName).replace(/Command$/, ""));
    return next(args);
  },
  { step: "initialize", name: "countCommands" },
);
