/**
 * Throttling: when DynamoDB refuses the join's transaction for capacity, the API
 * answers 503 with Retry-After (never a 500). aws-sdk-client-mock stands in for
 * DynamoDB here only because throttling cannot be provoked on DynamoDB Local.
 */
import { ProvisionedThroughputExceededException } from "@aws-sdk/client-dynamodb";
import { GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from "aws-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { ddb } from "../lib/db.ts";
import { handler } from "./create.ts";

const ddbMock = mockClient(ddb);
afterEach(() => ddbMock.reset());

const listing = {
  id: "l1",
  title: "义务理发",
  description: "",
  category: "convenience",
  kind: "on_demand",
  community: "大关西苑社区",
  mode: "venue",
  capacity: 3,
  seatsTaken: 0,
  status: "published",
  volunteerId: "v-1",
  volunteerName: "王师傅",
  createdAt: "2025-01-01T00:00:00.000Z",
  updatedAt: "2025-01-01T00:00:00.000Z",
};

const event = {
  version: "2.0",
  routeKey: "POST /api/listings/{id}/bookings",
  rawPath: "/api/listings/l1/bookings",
  rawQueryString: "",
  headers: { "content-type": "application/json" },
  pathParameters: { id: "l1" },
  body: JSON.stringify({ phone: "13812341234" }),
  isBase64Encoded: false,
  requestContext: {
    requestId: "req-1",
    http: { method: "POST", path: "/api/listings/l1/bookings" },
    authorizer: {
      jwt: { claims: { sub: "r-1", name: "李阿姨", "cognito:groups": "[residents]" }, scopes: [] },
    },
  },
} as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;

const context = { awsRequestId: "req-1", getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

describe("bookings/create under throttling", () => {
  for (const error of [
    new ProvisionedThroughputExceededException({ message: "slow down", $metadata: {} }),
    Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" }),
  ]) {
    it(`answers 503 with Retry-After on ${error.name}`, async () => {
      // Prepare
      ddbMock.on(GetCommand).resolves({ Item: listing });
      ddbMock.on(TransactWriteCommand).rejects(error);
      // Act
      const res = await handler(event, context);
      // Assess
      expect(res.statusCode).toBe(503);
      expect(res.headers?.["retry-after"]).toMatch(/^\d+$/);
      expect(JSON.parse(String(res.body)).error.code).toBe("DATABASE_UNAVAILABLE");
      expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(1);
    });
  }
});
