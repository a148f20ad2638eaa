/**
 * One Query of one partition — of the table or of a GSI named in shared/table.ts —
 * so no repository spells out key attribute names and placeholders by hand.
 */
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { type IndexName, TABLE } from "../../shared/table.ts";
import { ddb, TABLE_NAME } from "./db.ts";

export type Row = Record<string, unknown>;

export interface PartitionQuery {
  /** A GSI of shared/table.ts; the table itself when absent. */
  index?: IndexName;
  pk: string;
  /** A condition on the sort key. */
  sk?: { beginsWith: string } | { below: string } | { between: [string, string] };
  /** Attribute = value filters, applied after the read. */
  equals?: Record<string, unknown>;
  /** A raw filter, for what `equals` cannot say. */
  where?: { expression: string; names: Record<string, string>; values: Record<string, unknown> };
  newestFirst?: boolean;
  /** A strongly consistent read (the table only, not a GSI). */
  consistent?: boolean;
  limit?: number;
  start?: Row;
}

type Command = PartitionQuery & { count?: boolean };

/** The key attributes of the table or an index, in the order pagination cursors use. */
export function keyAttributes(index?: IndexName): string[] {
  const def = index ? TABLE.indexes.find((i) => i.name === index) : undefined;
  return [TABLE.partitionKey, TABLE.sortKey, ...(def ? [def.partitionKey, def.sortKey] : [])];
}

function command(q: Command) {
  const def = q.index ? TABLE.indexes.find((i) => i.name === q.index) : undefined;
  const names: Record<string, string> = { "#pk": def?.partitionKey ?? TABLE.partitionKey };
  const values: Record<string, unknown> = { ":pk": q.pk };
  let key = "#pk = :pk";
  if (q.sk) {
    names["#sk"] = def?.sortKey ?? TABLE.sortKey;
    if ("beginsWith" in q.sk) {
      key += " AND begins_with(#sk, :sk)";
      values[":sk"] = q.sk.beginsWith;
    } else if ("below" in q.sk) {
      key += " AND #sk < :sk";
      values[":sk"] = q.sk.below;
    } else {
      key += " AND #sk BETWEEN :sk AND :sk2";
      [values[":sk"], values[":sk2"]] = q.sk.between;
    }
  }
  const filters: string[] = [];
  Object.entries(q.equals ?? {}).forEach(([attr, value], i) => {
    names[`#f${i}`] = attr;
    values[`:f${i}`] = value;
    filters.push(`#f${i} = :f${i}`);
  });
  if (q.where) {
    filters.push(`(${q.where.expression})`);
    Object.assign(names, q.where.names);
    Object.assign(values, q.where.values);
  }
  return new QueryCommand({
    TableName: TABLE_NAME,
    ...(q.index ? { IndexName: q.index } : {}),
    KeyConditionExpression: key,
    ...(filters.length ? { FilterExpression: filters.join(" AND ") } : {}),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ...(q.newestFirst ? { ScanIndexForward: false } : {}),
    ...(q.consistent ? { ConsistentRead: true } : {}),
    ...(q.limit ? { Limit: q.limit } : {}),
    ...(q.start ? { ExclusiveStartKey: q.start } : {}),
    ...(q.count ? { Select: "COUNT" as const } : {}),
  });
}

/** How many items match (one request; COUNT reads keys only). */
export async function queryCount(q: Omit<PartitionQuery, "limit" | "start">): Promise<number> {
  const res = await ddb.send(command({ ...q, count: true }));
  return res.Count ?? 0;
}

/** One request: a page of the partition, and where the next one starts. */
export async function queryPage(q: PartitionQuery): Promise<{ items: Row[]; lastKey: Row | undefined }> {
  const res = await ddb.send(command(q));
  return { items: res.Items ?? [], lastKey: res.LastEvaluatedKey };
}

/** The whole partition (one request, plus one per 1 MB page beyond the first). */
export async function queryAll(q: Omit<PartitionQuery, "start" | "limit">): Promise<Row[]> {
  const items: Row[] = [];
  let start: Row | undefined;
  do {
    const page = await queryPage({ ...q, ...(start ? { start } : {}) });
    items.push(...page.items);
    start = page.lastKey;
  } while (start);
  return items;
}
