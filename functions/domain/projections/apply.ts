/**
 * Applying a batch of changes exactly once, though the stream delivers at least once.
 *
 * - Whole items (notices, audit records) are written under ids derived from the
 *   change, so a replay rewrites the same item with the same content (alongside
 *   the sums: neither needs the other first).
 * - Sums (counters, ranking entries, listing figures) go in TransactWriteItems
 *   together with one marker per change (`keys.projected(eventID)`, written on the
 *   condition it is new). A change already applied fails its marker's condition:
 *   it is dropped from the group, the sums are made again without it, and the rest
 *   goes in. So feeding the same records twice, or a batch cut off half-way and
 *   delivered again, leaves every figure exact.
 * - A group holds at most 100 items (markers + distinct targets), DynamoDB's limit.
 */
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { keys } from "../../../shared/keys.ts";
import { pause } from "../../lib/backoff.ts";
import { getMany } from "../../lib/batch.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";
import { update } from "../../lib/expr.ts";
import { type ListingItem, versionedUpdate } from "../listings/item.ts";
import { getListingItem } from "../listings/read.ts";
import { rankUpdate } from "../rankings.ts";
import { type TaggedItem, transact } from "../transact.ts";
import { type Change, type Effect, effectsOf } from "./facts.ts";
import { keyString, nonZero, type Plan, plan, targetOf } from "./plan.ts";

/** DynamoDB's limit of items in one transaction. */
const MAX_ITEMS = 100;
/** Markers outlive the stream's 24-hour retention, then expire. */
const MARKER_TTL_S = 3 * 24 * 3600;
const MAX_ATTEMPTS = 60;

interface Counted {
  change: Change;
  effects: Effect[];
}

/** Project these changes (in stream order); throws if they could not all be applied. */
export async function applyChanges(changes: readonly Change[]): Promise<void> {
  const counted = changes.map((change) => ({ change, effects: effectsOf(change) }));
  // Whole items and sums do not wait for each other: each is safe to write again.
  const outcomes = await Promise.allSettled([
    putAll(counted.flatMap((c) => c.effects.flatMap((e) => (e.kind === "put" ? [e.item] : [])))),
    (async () => {
      for (const group of groups(counted.filter((c) => c.effects.some((e) => e.kind !== "put"))))
        await applyGroup(group);
    })(),
  ]);
  for (const o of outcomes) if (o.status === "rejected") throw o.reason;
}

/** Split into groups of at most MAX_ITEMS items: a marker per change plus each distinct target. */
export function groups(counted: readonly Counted[]): Counted[][] {
  const out: Counted[][] = [];
  let group: Counted[] = [];
  let targets = new Set<string>();
  for (const c of counted) {
    const mine = new Set(c.effects.map(targetOf).filter((t): t is string => t !== undefined));
    const merged = new Set([...targets, ...mine]);
    if (group.length && group.length + 1 + merged.size > MAX_ITEMS) {
      out.push(group);
      group = [];
      targets = mine;
    } else targets = merged;
    group.push(c);
  }
  if (group.length) out.push(group);
  return out;
}

/** Whole items, each its own PutItem (in parallel, on the projector's own connections). */
async function putAll(items: Record<string, unknown>[]) {
  const unique = new Map(items.map((i) => [`${i.pk}|${i.sk}`, i]));
  await Promise.all(
    [...unique.values()].map((Item) => ddb.send(new PutCommand({ TableName: TABLE_NAME, Item }))),
  );
}

async function applyGroup(group: Counted[]) {
  let pending = group;
  let contended = 0;
  for (let attempt = 0; pending.length; attempt++) {
    if (attempt >= MAX_ATTEMPTS) throw new Error("projection: contention outlasted the retries");
    if (contended > 0) await pause(contended);
    const items = await transactionOf(pending);
    const outcome = await transact(items);
    if (outcome.ok) return;
    const applied = new Set(
      [...outcome.failed].filter((t) => t.startsWith("marker:")).map((t) => t.slice("marker:".length)),
    );
    if (applied.size) pending = pending.filter((c) => !applied.has(c.change.id));
    else contended++;
  }
}

async function transactionOf(pending: Counted[]): Promise<TaggedItem[]> {
  const p = plan(pending.flatMap((c) => c.effects));
  const [hours, listings] = await Promise.all([readHours(p), readListings(p)]);
  const ttl = Math.floor(Date.now() / 1000) + MARKER_TTL_S;
  const items: TaggedItem[] = pending.map((c) => ({
    tag: `marker:${c.change.id}`,
    Put: {
      TableName: TABLE_NAME,
      Item: { ...keys.projected(c.change.id), type: "projected", ttl },
      ConditionExpression: "attribute_not_exists(pk)",
    },
  }));
  for (const [k, c] of p.counters) {
    const add = nonZero(c.add);
    if (!Object.keys(add).length) continue;
    items.push({
      tag: `count:${k}`,
      Update: { TableName: TABLE_NAME, Key: c.key, ...update({ set: c.set, add }) },
    });
  }
  for (const [k, r] of p.ranks) {
    const add = nonZero(r.add);
    if (!Object.keys(add).length) continue;
    items.push({ tag: `rank:${k}`, Update: rankUpdate(r.entry, hours.get(k) ?? 0, add) });
  }
  for (const [id, figures] of p.listings) {
    const listing = listings.get(id);
    const add = nonZero(figures);
    if (!listing || !Object.keys(add).length) continue; // a listing never goes away; an unknown one has nothing to count on
    const next: ListingItem = {
      ...listing,
      completedCount: Math.max(0, listing.completedCount + (add.completedCount ?? 0)),
      ratingSum: listing.ratingSum + (add.ratingSum ?? 0),
      ratingCount: Math.max(0, listing.ratingCount + (add.ratingCount ?? 0)),
    };
    items.push({ tag: `listing:${id}`, Update: versionedUpdate(listing, next) });
  }
  return items;
}

/** Each ranking entry's hours as they are now (the sort key is computed from the new total). */
async function readHours(p: Plan): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const wanted = [...p.ranks.values()].map((r) => r.entry.key);
  const items = await getMany(wanted, { consistent: true, attributes: ["pk", "sk", "hoursServed"] });
  for (const item of items)
    out.set(keyString({ pk: String(item.pk), sk: String(item.sk) }), Number(item.hoursServed ?? 0));
  return out;
}

async function readListings(p: Plan): Promise<Map<string, ListingItem>> {
  const ids = [...p.listings.keys()];
  const read = await Promise.all(ids.map((id) => getListingItem(id, true)));
  const out = new Map<string, ListingItem>();
  read.forEach((l, i) => {
    if (l) out.set(ids[i] as string, l);
  });
  return out;
}
