/**
 * The DynamoDB document client, built once per container. Every command sent is
 * counted in `sentCommands` so tests can assert how many requests a read costs.
 *
 * Locally the stream projectors run in the API's process (deployed they are Lambdas
 * of their own, with their own connections): the local poller runs them inside
 * `ownConnections`, and gives such calls a connection pool of their own
 * (infra/local/connections.ts), so a rush's queue of joins does not hold them up.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { env } from "./env.ts";
import { checkRights } from "./rights.ts";

const local = env.dynamoEndpoint !== undefined;

/** Code run inside this is a stream projector's (locally: see infra/local/connections.ts). */
export const ownConnections = new AsyncLocalStorage<string>();

const client = new DynamoDBClient({
  region: env.region,
  ...(local
    ? {
        endpoint: env.dynamoEndpoint,
        credentials: { accessKeyId: "local", secretAccessKey: "local" },
        maxAttempts: 2,
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

// Locally, the table rights each function deploys with (functions/lib/rights.ts).
ddb.middlewareStack.add(
  (next, context) => async (args) => {
    checkRights(String(context.commandName).replace(/Command$/, ""), args.input as Record<string, unknown>);
    return next(args);
  },
  { step: "initialize", name: "checkTableRights" },
);
