/**
 * The table in memory, answering the document client's commands (Get, Put, Update,
 * Delete, Query, Scan, BatchGet, BatchWrite, TransactWrite) with DynamoDB's
 * semantics for what this code base uses: conditions, update expressions, the GSIs
 * of shared/table.ts with their sort order, paging, cancellation reasons. The demo
 * loader (infra/local/demo-load.ts) plays the district's history through the
 * domain code against it, then writes the final items to DynamoDB Local in batches.
 * Local only: never bundled into a Lambda.
 */
import { TABLE } from "../../../shared/table.ts";
import { applyUpdate, type Context, condition, type Item, project } from "./expressions.ts";

type Input = Record<string, unknown> & {
  Key?: Item;
  Item?: Item;
  ConditionExpression?: string;
  UpdateExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
  ProjectionExpression?: string;
  ReturnValues?: string;
};

const { partitionKey: PK, sortKey: SK } = TABLE;
const keyOf = (i: Item) => `${String(i[PK])}\u0000${String(i[SK])}`;
const ctxOf = (input: Input): Context => ({
  names: input.ExpressionAttributeNames,
  values: input.ExpressionAttributeValues,
});

function named(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name, ...extra });
}

const compareKeys = (a: unknown, b: unknown) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);

/** One write, as the table's stream would carry it (NEW_AND_OLD_IMAGES). */
export interface MemoryChange {
  old?: Item;
  new?: Item;
}

export class MemoryTable {
  readonly items = new Map<string, Item>();
  /** Every write in commit order: the table's stream. */
  readonly changes: MemoryChange[] = [];

  private write(key: Item, next: Item | undefined) {
    const k = keyOf(key);
    const old = this.items.get(k);
    if (next) this.items.set(k, next);
    else this.items.delete(k);
    if ((old || next) && JSON.stringify(old) !== JSON.stringify(next))
      this.changes.push({ ...(old ? { old } : {}), ...(next ? { new: next } : {}) });
  }

  /** Every item, as it stands. */
  all(): Item[] {
    return [...this.items.values()];
  }

  /** Answer one document-client command (by its class name) with its output. */
  async send(command: { constructor: { name: string }; input: unknown }): Promise<unknown> {
    const name = command.constructor.name.replace(/Command$/, "");
    const input = command.input as Input;
    switch (name) {
      case "Get":
        return { Item: this.read(input.Key as Item, input) };
      case "Put":
        return this.put(input);
      case "Update":
        return this.update(input);
      case "Delete":
        return this.delete(input);
      case "Query":
        return this.query(input);
      case "Scan":
        return this.scan(input);
      case "BatchGet":
        return this.batchGet(input);
      case "BatchWrite":
        return this.batchWrite(input);
      case "TransactWrite":
        return this.transactWrite(input);
      default:
        throw new Error(`memory table: ${name} is not supported`);
    }
  }

  private read(key: Item, input: Input): Item | undefined {
    const item = this.items.get(keyOf(key));
    return item ? structuredClone(project(input.ProjectionExpression, ctxOf(input), item)) : undefined;
  }

  private holds(input: Input, current: Item | undefined): boolean {
    if (!input.ConditionExpression) return true;
    return condition(input.ConditionExpression, ctxOf(input))(current ?? {});
  }

  private put(input: Input) {
    const item = input.Item as Item;
    const current = this.items.get(keyOf(item));
    if (!this.holds(input, current))
      throw named("ConditionalCheckFailedException", "The conditional request failed");
    this.write(item, structuredClone(item));
    return input.ReturnValues === "ALL_OLD" && current ? { Attributes: current } : {};
  }

  private updated(input: Input): Item {
    const key = input.Key as Item;
    const current = this.items.get(keyOf(key));
    if (!this.holds(input, current))
      throw named("ConditionalCheckFailedException", "The conditional request failed");
    return applyUpdate(input.UpdateExpression ?? "", ctxOf(input), { ...(current ?? key) });
  }

  private update(input: Input) {
    const next = this.updated(input);
    this.write(next, next);
    return input.ReturnValues && input.ReturnValues !== "NONE" ? { Attributes: structuredClone(next) } : {};
  }

  private delete(input: Input) {
    const key = input.Key as Item;
    const current = this.items.get(keyOf(key));
    if (!this.holds(input, current))
      throw named("ConditionalCheckFailedException", "The conditional request failed");
    this.write(key, undefined);
    return input.ReturnValues === "ALL_OLD" && current ? { Attributes: current } : {};
  }

  private query(input: Input) {
    const index = input.IndexName ? TABLE.indexes.find((i) => i.name === input.IndexName) : undefined;
    const [ipk, isk] = index ? [index.partitionKey, index.sortKey] : [PK, SK];
    const ctx = ctxOf(input);
    const keyCond = condition(String(input.KeyConditionExpression), ctx);
    const rows = this.all()
      .filter((i) => i[ipk] !== undefined && i[isk] !== undefined && keyCond(i))
      .sort((a, b) => compareKeys(a[isk], b[isk]) || compareKeys(keyOf(a), keyOf(b)));
    if (input.ScanIndexForward === false) rows.reverse();
    return this.page(rows, input, [PK, SK, ...(index ? [ipk, isk] : [])]);
  }

  private scan(input: Input) {
    const segments = Number(input.TotalSegments ?? 1);
    const segment = Number(input.Segment ?? 0);
    const rows = this.all()
      .sort((a, b) => compareKeys(keyOf(a), keyOf(b)))
      .filter((_, n) => n % segments === segment);
    return this.page(rows, input, [PK, SK]);
  }

  /** Paging, filter, projection and COUNT, as Query and Scan answer them. */
  private page(rows: Item[], input: Input, keyAttrs: string[]) {
    let from = 0;
    const start = input.ExclusiveStartKey as Item | undefined;
    if (start) from = rows.findIndex((r) => keyOf(r) === keyOf(start)) + 1;
    const limit = typeof input.Limit === "number" ? input.Limit : Number.POSITIVE_INFINITY;
    const read = rows.slice(from, from + limit);
    const more = from + read.length < rows.length && read.length === limit;
    const filter = input.FilterExpression
      ? condition(String(input.FilterExpression), ctxOf(input))
      : undefined;
    const kept = filter ? read.filter(filter) : read;
    const last = read[read.length - 1];
    const out: Record<string, unknown> = { Count: kept.length, ScannedCount: read.length };
    if (input.Select !== "COUNT")
      out.Items = kept.map((i) => structuredClone(project(input.ProjectionExpression, ctxOf(input), i)));
    if (more && last) out.LastEvaluatedKey = Object.fromEntries(keyAttrs.map((k) => [k, last[k]]));
    return out;
  }

  private batchGet(input: Input) {
    const Responses: Record<string, Item[]> = {};
    for (const [table, req] of Object.entries(input.RequestItems as Record<string, Input & { Keys: Item[] }>))
      Responses[table] = req.Keys.map((k) => this.read(k, req)).filter((i): i is Item => i !== undefined);
    return { Responses, UnprocessedKeys: {} };
  }

  private batchWrite(input: Input) {
    for (const reqs of Object.values(input.RequestItems as Record<string, Record<string, Input>[]>))
      for (const r of reqs) {
        if (r.PutRequest) this.write(r.PutRequest.Item as Item, structuredClone(r.PutRequest.Item as Item));
        if (r.DeleteRequest) this.write(r.DeleteRequest.Key as Item, undefined);
      }
    return { UnprocessedItems: {} };
  }

  private transactWrite(input: Input) {
    const ops = input.TransactItems as Record<string, Input>[];
    const writes: (() => void)[] = [];
    let failed = false;
    const reasons = ops.map((op) => {
      const [kind, body] = Object.entries(op)[0] as [string, Input];
      const key = (body.Item ?? body.Key) as Item;
      const current = this.items.get(keyOf(key));
      if (!this.holds(body, current)) {
        failed = true;
        return { Code: "ConditionalCheckFailed" };
      }
      if (kind === "Put") writes.push(() => this.write(key, structuredClone(key)));
      else if (kind === "Delete") writes.push(() => this.write(key, undefined));
      else if (kind === "Update") {
        const next = applyUpdate(body.UpdateExpression ?? "", ctxOf(body), { ...(current ?? key) });
        writes.push(() => this.write(next, next));
      }
      return { Code: "None" };
    });
    if (failed)
      throw named("TransactionCanceledException", "Transaction cancelled", { CancellationReasons: reasons });
    for (const w of writes) w();
    return {};
  }
}
