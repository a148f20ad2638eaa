/**
 * The table rights deployed (`dynamodb:LeadingKeys` on each function's grant, see
 * infra/table-rights.ts), checked locally too: the local gateway runs each handler
 * inside `tableRights` with the partition patterns its grant allows, and every
 * command's items are held to them — refused as IAM would refuse them
 * (AccessDeniedException, which the API answers as a 500). So every local and
 * integration test drives the rights a function deploys with. Outside it (jobs, the
 * stream poller, tools) nothing is checked.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export const tableRights = new AsyncLocalStorage<{ handler: string; patterns: readonly string[] }>();

type Item = Record<string, unknown> | undefined;
/** A command's input, as far as its keys go. */
type Input = Record<string, unknown> & {
  Key?: Item;
  Item?: Item;
  ExpressionAttributeValues?: Record<string, unknown>;
  RequestItems?: Record<string, unknown>;
  TransactItems?: Record<string, { Item?: Item; Key?: Item } | undefined>[];
};
const pkOf = (item: Item) => (typeof item?.pk === "string" ? item.pk : undefined);

/** The partition key values a command reaches (a Query: its `:pk`). */
export function partitionsOf(command: string, input: Input): string[] {
  const out: unknown[] = [];
  switch (command) {
    case "GetItem":
    case "UpdateItem":
    case "DeleteItem":
      out.push(pkOf(input.Key));
      break;
    case "PutItem":
      out.push(pkOf(input.Item));
      break;
    case "Query":
      out.push(input.ExpressionAttributeValues?.[":pk"]);
      break;
    case "BatchGetItem":
      for (const t of Object.values(input.RequestItems ?? {}) as { Keys?: Item[] }[])
        for (const k of t.Keys ?? []) out.push(pkOf(k));
      break;
    case "BatchWriteItem":
      for (const t of Object.values(input.RequestItems ?? {}) as {
        PutRequest?: { Item?: Item };
        DeleteRequest?: { Key?: Item };
      }[][])
        for (const r of t) out.push(pkOf(r.PutRequest?.Item ?? r.DeleteRequest?.Key));
      break;
    case "TransactWriteItems":
    case "TransactGetItems":
      for (const t of input.TransactItems ?? [])
        out.push(pkOf(t.Put?.Item ?? t.Update?.Key ?? t.Delete?.Key ?? t.ConditionCheck?.Key ?? t.Get?.Key));
      break;
  }
  return out.filter((p): p is string => typeof p === "string");
}

export const allowedBy = (patterns: readonly string[], pk: string) =>
  patterns.some((p) => (p.endsWith("*") ? pk.startsWith(p.slice(0, -1)) : pk === p));

export class AccessDenied extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AccessDeniedException";
  }
}

/** Throw as IAM would if the current handler's rights do not reach every item of `command`. */
export function checkRights(command: string, input: Input): void {
  const rights = tableRights.getStore();
  if (!rights || command === "Scan") return;
  for (const pk of partitionsOf(command, input))
    if (!allowedBy(rights.patterns, pk))
      throw new AccessDenied(
        `${rights.handler} may not reach ${pk} (${command}): not in its dynamodb:LeadingKeys`,
      );
}
