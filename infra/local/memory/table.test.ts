import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { update, withCondition } from "../../../functions/lib/expr.ts";
import { MemoryTable } from "./table.ts";

const T = "t";
const item = (pk: string, sk: string, extra: Record<string, unknown> = {}) => ({ pk, sk, ...extra });

describe("the in-memory table", () => {
  it("puts on a condition, as DynamoDB refuses a second attribute_not_exists(pk)", async () => {
    // Arrange
    const t = new MemoryTable();
    const put = () =>
      t.send(
        new PutCommand({
          TableName: T,
          Item: item("A", "1"),
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    // Act
    await put();
    // Assess
    await expect(put()).rejects.toMatchObject({ name: "ConditionalCheckFailedException" });
    expect(t.changes).toHaveLength(1);
  });

  it("updates with SET, ADD, REMOVE and if_not_exists, every operand read from the old item", async () => {
    // Arrange
    const t = new MemoryTable();
    await t.send(new PutCommand({ TableName: T, Item: item("A", "1", { n: 1, gone: "x", keep: "k" }) }));
    // Act
    await t.send(
      new UpdateCommand({
        TableName: T,
        Key: { pk: "A", sk: "1" },
        ...withCondition(
          update({ set: { name: "王", n2: 5 }, add: { n: 2, fresh: 3 }, remove: ["gone"] }),
          "#n < :max",
          { "#n": "n" },
          { ":max": 10 },
        ),
      }),
    );
    await t.send(
      new UpdateCommand({
        TableName: T,
        Key: { pk: "A", sk: "1" },
        UpdateExpression: "SET #k = if_not_exists(#k, :k), #m = if_not_exists(#m, :k), #c = #n2 - :one",
        ExpressionAttributeNames: { "#k": "keep", "#m": "made", "#c": "calc", "#n2": "n2" },
        ExpressionAttributeValues: { ":k": "new", ":one": 1 },
      }),
    );
    // Assess
    const got = await t.send(new GetCommand({ TableName: T, Key: { pk: "A", sk: "1" } }));
    expect(got).toEqual({
      Item: { pk: "A", sk: "1", n: 3, fresh: 3, name: "王", n2: 5, keep: "k", made: "new", calc: 4 },
    });
  });

  it("queries an index in sort-key order with begins_with, filters, pages and counts", async () => {
    // Arrange
    const t = new MemoryTable();
    for (const [i, s] of ["b", "a", "c", "d"].entries())
      await t.send(
        new PutCommand({ TableName: T, Item: item("X", String(i), { gsi1pk: "P", gsi1sk: `K#${s}`, v: i }) }),
      );
    await t.send(new PutCommand({ TableName: T, Item: item("Y", "0", { gsi1pk: "P", gsi1sk: "Z#a" }) }));
    const q = (extra: Record<string, unknown>) =>
      t.send(
        new QueryCommand({
          TableName: T,
          IndexName: "gsi1",
          KeyConditionExpression: "#pk = :pk AND begins_with(#sk, :sk)",
          ExpressionAttributeNames: { "#pk": "gsi1pk", "#sk": "gsi1sk" },
          ExpressionAttributeValues: { ":pk": "P", ":sk": "K#" },
          ...extra,
        }),
      ) as Promise<{
        Items?: Record<string, unknown>[];
        LastEvaluatedKey?: Record<string, unknown>;
        Count: number;
      }>;
    // Act
    const first = await q({ Limit: 2 });
    const rest = await q({ ExclusiveStartKey: first.LastEvaluatedKey });
    const newest = await q({ ScanIndexForward: false, Limit: 1 });
    // Assess
    expect(first.Items?.map((i) => i.gsi1sk)).toEqual(["K#a", "K#b"]);
    expect(first.LastEvaluatedKey).toEqual({ pk: "X", sk: "0", gsi1pk: "P", gsi1sk: "K#b" });
    expect(rest.Items?.map((i) => i.gsi1sk)).toEqual(["K#c", "K#d"]);
    expect(rest.LastEvaluatedKey).toBeUndefined();
    expect(newest.Items?.map((i) => i.gsi1sk)).toEqual(["K#d"]);
  });

  it("cancels a whole transaction with a reason per item, and applies it all otherwise", async () => {
    // Arrange
    const t = new MemoryTable();
    await t.send(new PutCommand({ TableName: T, Item: item("S", "1", { seats: 1, capacity: 1 }) }));
    const tx = () =>
      t.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: T, Item: item("B", "1") } },
            {
              Update: {
                TableName: T,
                Key: { pk: "S", sk: "1" },
                UpdateExpression: "ADD #s :one",
                ConditionExpression: "#s < #c",
                ExpressionAttributeNames: { "#s": "seats", "#c": "capacity" },
                ExpressionAttributeValues: { ":one": 1 },
              },
            },
          ],
        }),
      );
    // Act + Assess: full, so nothing is written
    await expect(tx()).rejects.toMatchObject({
      name: "TransactionCanceledException",
      CancellationReasons: [{ Code: "None" }, { Code: "ConditionalCheckFailed" }],
    });
    expect(await t.send(new GetCommand({ TableName: T, Key: { pk: "B", sk: "1" } }))).toEqual({
      Item: undefined,
    });
    // A seat freed: the same transaction goes in whole
    await t.send(
      new UpdateCommand({ TableName: T, Key: { pk: "S", sk: "1" }, ...update({ set: { seats: 0 } }) }),
    );
    await tx();
    const both = (await t.send(
      new BatchGetCommand({
        RequestItems: {
          [T]: {
            Keys: [
              { pk: "B", sk: "1" },
              { pk: "S", sk: "1" },
            ],
          },
        },
      }),
    )) as { Responses: Record<string, unknown[]> };
    expect(both.Responses[T]).toHaveLength(2);
    await t.send(new DeleteCommand({ TableName: T, Key: { pk: "B", sk: "1" } }));
    expect(t.all()).toHaveLength(1);
  });
});
