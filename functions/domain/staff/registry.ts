/**
 * Residents registered by a community worker: people without a smartphone or an
 * account, in the worker's community, registered with their consent. One
 * registration per phone and community (a guard item in the same transaction);
 * found again by the beginning of the name or the phone's last 4 digits — each a
 * Query of the community's partition of an index, never a Scan.
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod/mini";
import { keys } from "../../../shared/keys.ts";
import type { RegisteredResident, ResidentInput } from "../../../shared/staff.ts";
import type { User } from "../../lib/auth.ts";
import { decodeCursor, encodeCursor } from "../../lib/cursor.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";
import { newId } from "../../lib/ids.ts";
import { keyAttributes, queryPage } from "../../lib/query.ts";
import { Conflict, Forbidden, NotFound, Unavailable } from "../errors.ts";
import { transact } from "../transact.ts";
import { auditStaffReads } from "./audit.ts";

export const RegistryItem = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string(),
  address: z._default(z.string(), ""),
  note: z.optional(z.string()),
  community: z.string(),
  consentAt: z.string(),
  registeredBy: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
});
export type RegistryItem = z.infer<typeof RegistryItem>;

/** The worker's community; a worker without one can do nothing here. */
export function communityOf(worker: User): string {
  if (worker.role !== "staff" || !worker.community) throw new Forbidden("社区工作者须属于一个社区");
  return worker.community;
}

const view = (r: RegistryItem): RegisteredResident => ({
  id: r.id,
  name: r.name,
  phone: r.phone,
  address: r.address,
  ...(r.note ? { note: r.note } : {}),
  community: r.community,
  registeredBy: r.registeredBy,
  createdAt: r.createdAt,
});

export async function registerResident(
  worker: User,
  input: ResidentInput,
  now = new Date(),
): Promise<RegisteredResident> {
  const community = communityOf(worker);
  const at = now.toISOString();
  const r: RegistryItem = {
    id: newId("rr"),
    name: input.name,
    phone: input.phone,
    address: input.address ?? "",
    ...(input.note ? { note: input.note } : {}),
    community,
    consentAt: at,
    registeredBy: { id: worker.id, name: worker.name },
    createdAt: at,
  };
  const guard = keys.registryPhone(community, r.phone);
  const out = await transact([
    {
      tag: "resident",
      Put: {
        TableName: TABLE_NAME,
        Item: {
          ...keys.registeredResident(r.id),
          type: "registeredResident",
          ...r,
          ...keys.registryIndexes(r),
        },
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
    {
      tag: "phone",
      Put: {
        TableName: TABLE_NAME,
        Item: { ...guard, type: "registryPhone", residentId: r.id },
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
  ]);
  if (out.ok) return view(r);
  if (out.failed.has("phone")) {
    const existing = await ddb.send(
      new GetCommand({ TableName: TABLE_NAME, Key: guard, ConsistentRead: true }),
    );
    throw new Conflict("RESIDENT_ALREADY_REGISTERED", undefined, [
      { residentId: String(existing.Item?.residentId ?? "") },
    ]);
  }
  throw new Unavailable(1);
}

export async function getRegistered(id: string): Promise<RegistryItem | null> {
  const res = await ddb.send(new GetCommand({ TableName: TABLE_NAME, Key: keys.registeredResident(id) }));
  return res.Item ? RegistryItem.parse(res.Item) : null;
}

/** A resident of the worker's own community (403 for another community's). */
export async function ownResident(worker: User, id: string): Promise<RegistryItem> {
  const community = communityOf(worker);
  const r = await getRegistered(id);
  if (!r) throw new NotFound("居民");
  if (r.community !== community) throw new Forbidden("只能为本社区登记的居民办理");
  return r;
}

const PAGE = 20;

/** The worker's community's residents: by name's beginning, or the phone's last 4 digits; every read is audited. */
export async function findResidents(
  worker: User,
  q: { q?: string; cursor?: string },
  now = new Date(),
): Promise<{ items: RegisteredResident[]; nextCursor: string | null }> {
  const community = communityOf(worker);
  const byTail = q.q !== undefined && /^\d{4}$/.test(q.q);
  const index = byTail ? "gsi2" : "gsi1";
  const keyAttrs = keyAttributes(index);
  const start = decodeCursor(q.cursor, keyAttrs);
  const res = await queryPage({
    index,
    pk: keys.registryPartition(community),
    sk: { beginsWith: byTail ? keys.registryByTail(q.q ?? "") : keys.registryByName(q.q ?? "") },
    limit: PAGE,
    ...(start ? { start } : {}),
  });
  const items = res.items.map((row) => RegistryItem.parse(row));
  await auditStaffReads(
    worker.id,
    items.map((r) => ({ bookingId: `registry:${r.id}` })),
    "staff-registry",
    now,
  );
  return { items: items.map(view), nextCursor: encodeCursor(res.lastKey) };
}
