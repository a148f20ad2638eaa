import { expect, it } from "vitest";
import { toLambdaRecord } from "./records.ts";

const ARN = "arn:aws:dynamodb:ddblocal:000000000000:table/t/stream/2026-12-02T00:00:00.000";

it("turns an SDK stream record into Lambda's shape: epoch seconds, base64 binaries, the source ARN", () => {
  // Prepare
  const bytes = new Uint8Array([1, 2, 250]);
  const sdkRecord = {
    eventID: "e1",
    eventName: "MODIFY" as const,
    awsRegion: "ddblocal",
    dynamodb: {
      ApproximateCreationDateTime: new Date("2026-12-02T08:00:59.900Z"),
      Keys: { pk: { S: "b1" }, sk: { S: "item" } },
      NewImage: {
        s: { S: "x" },
        n: { N: "3" },
        t: { BOOL: true },
        z: { NULL: true },
        m: { M: { inner: { L: [{ S: "a" }, { B: bytes }] } } },
        ss: { SS: ["a", "b"] },
        ns: { NS: ["1", "2"] },
        b: { B: bytes },
        bs: { BS: [bytes] },
      },
      OldImage: { s: { S: "w" } },
      SequenceNumber: "000100",
      SizeBytes: 42,
      StreamViewType: "NEW_AND_OLD_IMAGES" as const,
    },
  };

  // Act
  const r = toLambdaRecord(sdkRecord, ARN);

  // Assess
  expect(r).toEqual({
    eventID: "e1",
    eventName: "MODIFY",
    eventVersion: "1.1",
    eventSource: "aws:dynamodb",
    awsRegion: "ddblocal",
    eventSourceARN: ARN,
    dynamodb: {
      ApproximateCreationDateTime: Date.parse("2026-12-02T08:00:59Z") / 1000,
      Keys: { pk: { S: "b1" }, sk: { S: "item" } },
      NewImage: {
        s: { S: "x" },
        n: { N: "3" },
        t: { BOOL: true },
        z: { NULL: true },
        m: { M: { inner: { L: [{ S: "a" }, { B: "AQL6" }] } } },
        ss: { SS: ["a", "b"] },
        ns: { NS: ["1", "2"] },
        b: { B: "AQL6" },
        bs: { BS: ["AQL6"] },
      },
      OldImage: { s: { S: "w" } },
      SequenceNumber: "000100",
      SizeBytes: 42,
      StreamViewType: "NEW_AND_OLD_IMAGES",
    },
  });
});

it("keeps what the record says of itself and leaves out what it does not carry", () => {
  // Act
  const r = toLambdaRecord(
    {
      eventName: "REMOVE",
      eventVersion: "1.0",
      eventSource: "aws:other",
      userIdentity: { Type: "Service", PrincipalId: "dynamodb.amazonaws.com" },
      dynamodb: { Keys: { pk: { S: "b2" } } },
    },
    ARN,
  );

  // Assess
  expect(r).toMatchObject({ eventVersion: "1.0", eventSource: "aws:other" });
  expect(r.userIdentity).toEqual({ type: "Service", principalId: "dynamodb.amazonaws.com" });
  expect(r.dynamodb).toEqual({ Keys: { pk: { S: "b2" } } });
  expect(toLambdaRecord({ userIdentity: { Type: "Service" } }, ARN).userIdentity).toBeUndefined();
});

it("refuses an attribute of a type it does not know rather than hand over a wrong image", () => {
  expect(() => toLambdaRecord({ dynamodb: { Keys: { pk: { $unknown: ["X", 1] } as never } } }, ARN)).toThrow(
    /unknown attribute type/,
  );
});
