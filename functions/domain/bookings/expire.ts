/**
 * Expire requests unanswered for 48 h, oldest first: one Query page at a time on
 * the open-requests index, each expiry its own transaction (freeing the seat and
 * promoting). A request answered meanwhile is skipped.
 */
import { keys } from "../../../shared/keys.ts";
import { queryPage } from "../../lib/query.ts";
import { EXPIRE_AFTER_MS } from "../booking-rules.ts";
import { InvalidTransition } from "../errors.ts";
import { transition } from "./transition.ts";

export async function expireOpenRequests(now = new Date()): Promise<{ expired: number }> {
  const cutoff = new Date(now.getTime() - EXPIRE_AFTER_MS).toISOString();
  let expired = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const res = await queryPage({
      index: "gsi4",
      pk: keys.openRequests(),
      sk: { below: cutoff },
      limit: 50,
      ...(start ? { start } : {}),
    });
    for (const row of res.items) {
      try {
        await transition("system", String(row.id), { action: "expire" }, now);
        expired++;
      } catch (err) {
        if (!(err instanceof InvalidTransition)) throw err;
      }
    }
    start = res.lastKey;
  } while (start);
  return { expired };
}
