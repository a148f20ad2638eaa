/**
 * Scheduled daily (EventBridge; `npm run reconcile` locally): recompute every figure
 * derived from bookings and reviews, log each drift, and repair it, so the
 * dashboard always matches the records even if a projection was ever lost; and the
 * search index against the published listings, repaired the same way.
 */
import { reconcile } from "../domain/projections/reconcile.ts";
import { checkSearchIndex, type SearchCheck } from "../domain/search/sync.ts";
import { logger } from "../lib/logger.ts";

export const handler = async (
  event: { time?: string } = {},
): Promise<{ drift: number; repaired: number; search: SearchCheck }> => {
  const result = await reconcile({ repair: true });
  const search = await checkSearchIndex(true);
  if (search.missing + search.stale + search.extra > 0) logger.warn("search index drift", { ...search });
  for (const d of result.drift) logger.warn("projection drift", { ...d });
  logger.info("reconciled", {
    drift: result.drift.length,
    repaired: result.repaired,
    scheduledAt: event.time,
  });
  return { drift: result.drift.length, repaired: result.repaired, search };
};
