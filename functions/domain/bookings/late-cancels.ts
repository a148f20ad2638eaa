/**
 * The volunteer's booking cards show how often each resident gave a seat back
 * within 2 h of its start (projections/late-cancels.ts counts it from the stream):
 * one BatchGetItem of the page's residents' counters. Shown, never enforced.
 */
import * as z from "zod/mini";
import { keys } from "../../../shared/keys.ts";
import type { Booking } from "../../../shared/schemas.ts";
import { getEach } from "../../lib/batch.ts";

const Counter = z.object({ count: z._default(z.number(), 0) });

export async function withLateCancels(items: Booking[]): Promise<Booking[]> {
  const residents = [...new Set(items.map((b) => b.residentId))];
  if (residents.length === 0) return items;
  const rows = await getEach(residents.map((id) => keys.lateCancels(id)));
  const counts = new Map(residents.map((id, i) => [id, Counter.safeParse(rows[i] ?? {}).data?.count ?? 0]));
  return items.map((b) => {
    const n = counts.get(b.residentId) ?? 0;
    return n > 0 ? { ...b, residentLateCancels: n } : b;
  });
}
