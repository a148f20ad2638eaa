/**
 * BatchGetItem and BatchWriteItem for any number of items: 100 keys (25 writes) a
 * request, and whatever DynamoDB leaves unprocessed (throttling, the 16 MB cap) sent
 * again after a short jittered pause. A batch that quietly did less would drop a
 * search hit, a calendar entry or an audit record without a word; one that cannot
 * finish is a 503, which the client may simply try again.
 */
import { BatchGetCommand, BatchWriteCommand, type BatchWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import type { Key } from "../../shared/keys.ts";
import { Unavailable } from "../domain/errors.ts";
import { pause } from "./backoff.ts";
import { ddb, TABLE_NAME } from "./db.ts";
import type { Row } from "./query.ts";

const PER_REQUEST = 100;
const WRITES_PER_REQUEST = 25;
const MAX_ATTEMPTS = 8;

type WriteRequest = NonNullable<BatchWriteCommandInput["RequestItems"]>[string][number];

export interface GetManyOptions {
  consistent?: boolean;
  /** A projection of plain attribute names (no placeholders). */
  attributes?: readonly string[];
}

/** The items of `keys` that exist, in no particular order. */
export async function getMany(keys: readonly Key[], opts: GetManyOptions = {}): Promise<Row[]> {
  const chunks: Key[][] = [];
  for (let i = 0; i < keys.length; i += PER_REQUEST) chunks.push(keys.slice(i, i + PER_REQUEST));
  return (await Promise.all(chunks.map((chunk) => getChunk(chunk, opts)))).flat();
}

/** The items of `keys` in the order asked (undefined where none exists): a few known items read at once. */
export async function getEach(keys: readonly Key[]): Promise<(Row | undefined)[]> {
  const rows = await getMany(keys);
  return keys.map((k) => rows.find((r) => r.pk === k.pk && r.sk === k.sk));
}

async function getChunk(chunk: Key[], opts: GetManyOptions): Promise<Row[]> {
  const found: Row[] = [];
  let Keys: Record<string, unknown>[] = chunk;
  for (let attempt = 0; Keys.length; attempt++) {
    if (attempt === MAX_ATTEMPTS) throw new Unavailable();
    if (attempt > 0) await pause(attempt + 4, 1000);
    const res = await ddb.send(
      new BatchGetCommand({
        RequestItems: {
          [TABLE_NAME]: {
            Keys,
            ...(opts.consistent ? { ConsistentRead: true } : {}),
            ...(opts.attributes ? { ProjectionExpression: opts.attributes.join(", ") } : {}),
          },
        },
      }),
    );
    found.push(...(res.Responses?.[TABLE_NAME] ?? []));
    Keys = res.UnprocessedKeys?.[TABLE_NAME]?.Keys ?? [];
  }
  return found;
}

/** Every put and delete of `requests`, 25 a request, one request after another. */
export async function writeAll(requests: readonly WriteRequest[]): Promise<void> {
  for (let i = 0; i < requests.length; i += WRITES_PER_REQUEST) {
    let pending: WriteRequest[] = requests.slice(i, i + WRITES_PER_REQUEST);
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt === MAX_ATTEMPTS) throw new Unavailable();
      if (attempt > 0) await pause(attempt + 4, 1000);
      const res = await ddb.send(new BatchWriteCommand({ RequestItems: { [TABLE_NAME]: pending } }));
      pending = res.UnprocessedItems?.[TABLE_NAME] ?? [];
    }
  }
}
