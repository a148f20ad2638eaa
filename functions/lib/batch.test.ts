/**
 * getMany and writeAll under partial answers: DynamoDB may leave keys unprocessed (throttling,
 * the 16 MB cap), which DynamoDB Local never does, so aws-sdk-client-mock stands in.
 */
import { BatchGetCommand, BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { Unavailable } from "../domain/errors.ts";
import { getMany, writeAll } from "./batch.ts";
import { ddb, TABLE_NAME } from "./db.ts";

const ddbMock = mockClient(ddb);
afterEach(() => ddbMock.reset());

const key = (i: number) => ({ pk: `L#${i}`, sk: "L" });
type Keys = { pk: string; sk: string }[];
const asked = (call: number): Keys =>
  ddbMock.commandCalls(BatchGetCommand)[call]?.args[0].input.RequestItems?.[TABLE_NAME]?.Keys as Keys;

describe("getMany", () => {
  it("asks again for the keys left unprocessed, until every item is in", async () => {
    // Prepare: the first answer holds 1 of 3 items and leaves 2 unprocessed
    ddbMock
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: { [TABLE_NAME]: [{ ...key(1), n: 1 }] },
        UnprocessedKeys: { [TABLE_NAME]: { Keys: [key(2), key(3)] } },
      })
      .resolvesOnce({
        Responses: {
          [TABLE_NAME]: [
            { ...key(2), n: 2 },
            { ...key(3), n: 3 },
          ],
        },
      });
    // Act
    const items = await getMany([key(1), key(2), key(3)]);
    // Assess
    expect(items.map((i) => i.n).sort()).toEqual([1, 2, 3]);
    expect(asked(1)).toEqual([key(2), key(3)]);
  });

  it("sends 100 keys a request", async () => {
    ddbMock.on(BatchGetCommand).resolves({ Responses: { [TABLE_NAME]: [] } });
    await getMany(Array.from({ length: 250 }, (_, i) => key(i)));
    expect(
      ddbMock
        .commandCalls(BatchGetCommand)
        .map((c) => c.args[0].input.RequestItems?.[TABLE_NAME]?.Keys?.length),
    ).toEqual([100, 100, 50]);
  });

  it("is a 503 (Unavailable), not a short answer, when keys stay unprocessed", async () => {
    ddbMock.on(BatchGetCommand).resolves({ UnprocessedKeys: { [TABLE_NAME]: { Keys: [key(1)] } } });
    await expect(getMany([key(1)])).rejects.toBeInstanceOf(Unavailable);
  });

  it("sends nothing for no keys", async () => {
    expect(await getMany([])).toEqual([]);
    expect(ddbMock.commandCalls(BatchGetCommand)).toHaveLength(0);
  });
});

describe("writeAll", () => {
  it("sends again what was left unprocessed, 25 writes a request", async () => {
    // Prepare: the first request leaves one put unprocessed
    const puts = Array.from({ length: 30 }, (_, i) => ({ PutRequest: { Item: key(i) } }));
    ddbMock
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { [TABLE_NAME]: [puts[3] as (typeof puts)[number]] } })
      .resolves({});
    // Act
    await writeAll(puts);
    // Assess
    const sent = ddbMock
      .commandCalls(BatchWriteCommand)
      .map((c) => c.args[0].input.RequestItems?.[TABLE_NAME]);
    expect(sent.map((r) => r?.length)).toEqual([25, 1, 5]);
    expect(sent[1]).toEqual([puts[3]]);
  });

  it("is a 503 (Unavailable) when writes stay unprocessed", async () => {
    const put = { PutRequest: { Item: key(1) } };
    ddbMock.on(BatchWriteCommand).resolves({ UnprocessedItems: { [TABLE_NAME]: [put] } });
    await expect(writeAll([put])).rejects.toBeInstanceOf(Unavailable);
  });
});
