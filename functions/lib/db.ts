/**
 * The DynamoDB document client, built once per container. Nothing here is for tests
 * or the local stack: tests count the commands a request costs with a middleware of
 * their own (test/support/commands.ts), and locally the stream projectors get their
 * own connections from a request handler the local runtime installs
 * (infra/local/connections.ts).
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
