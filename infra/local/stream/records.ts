/**
 * A DynamoDB stream record as Lambda hands it to a consumer: the SDK's shape (dates,
 * byte arrays) turned into the event's JSON shape. Pure.
 */
import type {
  AttributeValue as StreamAttributeValue,
  _Record as StreamRecord,
} from "@aws-sdk/client-dynamodb-streams";
import type { AttributeValue, DynamoDBRecord } from "aws-lambda";

/** A stream record as Lambda hands it over: the source ARN added, times in epoch seconds, binaries in base64. */
export function toLambdaRecord(r: StreamRecord, eventSourceARN: string): DynamoDBRecord {
  const d = r.dynamodb ?? {};
  const dynamodb: NonNullable<DynamoDBRecord["dynamodb"]> = {};
  if (d.ApproximateCreationDateTime)
    dynamodb.ApproximateCreationDateTime = Math.floor(d.ApproximateCreationDateTime.getTime() / 1000);
  if (d.Keys) dynamodb.Keys = image(d.Keys);
  if (d.NewImage) dynamodb.NewImage = image(d.NewImage);
  if (d.OldImage) dynamodb.OldImage = image(d.OldImage);
  if (d.SequenceNumber !== undefined) dynamodb.SequenceNumber = d.SequenceNumber;
  if (d.SizeBytes !== undefined) dynamodb.SizeBytes = d.SizeBytes;
  if (d.StreamViewType) dynamodb.StreamViewType = d.StreamViewType;
  const record: DynamoDBRecord = {
    eventID: r.eventID,
    eventName: r.eventName,
    eventVersion: r.eventVersion ?? "1.1",
    eventSource: r.eventSource ?? "aws:dynamodb",
    awsRegion: r.awsRegion,
    eventSourceARN,
    dynamodb,
  };
  if (r.userIdentity?.Type && r.userIdentity.PrincipalId)
    record.userIdentity = { type: r.userIdentity.Type, principalId: r.userIdentity.PrincipalId };
  return record;
}

function image(m: Record<string, StreamAttributeValue>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, attribute(v)]));
}

function attribute(v: StreamAttributeValue): AttributeValue {
  if (v.S !== undefined) return { S: v.S };
  if (v.N !== undefined) return { N: v.N };
  if (v.BOOL !== undefined) return { BOOL: v.BOOL };
  if (v.NULL !== undefined) return { NULL: v.NULL };
  if (v.M !== undefined) return { M: image(v.M) };
  if (v.L !== undefined) return { L: v.L.map(attribute) };
  if (v.SS !== undefined) return { SS: v.SS };
  if (v.NS !== undefined) return { NS: v.NS };
  if (v.B !== undefined) return { B: Buffer.from(v.B).toString("base64") };
  if (v.BS !== undefined) return { BS: v.BS.map((b) => Buffer.from(b).toString("base64")) };
  throw new Error(`unknown attribute type: ${Object.keys(v).join(",")}`);
}
