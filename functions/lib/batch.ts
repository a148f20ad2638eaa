/**
 * BatchGetItem for any number of keys: 100 keys a request, the requests in parallel,
 * and the keys DynamoDB leaves unprocessed (throttling, the 16 MB cap) asked again
 * after a short jittered pause. A batch read that quietly returned fewer items would
 * drop a search hit or a calendar entry without a word; one that cannot finish is a
 * 503, which the client may simply try again.
 */
import { BatchGetCommand } from "@aws-sdk/lib-dynamodb";
import type { Key } from "../../shared/keys.ts";
import { Unavailable } from "../domain/errors.ts";
import { pause } from "./backoff.ts";
import { ddb, TABLE_NAME } from "./db.ts";
import type { Row } from "./query.ts";

const PER_REQUEST = 100;
const MAX_ATTEMPTS = 8;

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

async function getChunk(chunk: Key[], opts: GetManyOptions): Promise<Row[]> {
  const found: Row[] = [];
  let Keys: Record<string, unknown>[] = chunk;
  for (let attempt = 0; Keys.length; attempt++) {
    if (attempt === MAX_ATTEMPTS) throw new Unavailable();
    if (attempt > 0) await pause(attempt + 3);
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
