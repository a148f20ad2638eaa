/**
 * The DynamoDB document client, built once per container. Every command sent is
 * counted in `sentCommands` so tests can assert how many requests a read costs.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { env } from "./env.ts";

const local = env.dynamoEndpoint !== undefined;

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
