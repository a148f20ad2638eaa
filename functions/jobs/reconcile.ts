/**
 * Scheduled daily (EventBridge; `npm run reconcile` locally): recompute every figure
 * derived from bookings and reviews, log each drift, and repair it, so the
 * dashboard always matches the records even if a projection was ever lost.
 */
import { reconcile } from "../domain/projections/reconcile.ts";
import { logger } from "../lib/logger.ts";

export const handler = async (
  event: { time?: string } = {},
): Promise<{ drift: number; repaired: number }> => {
  const result = await reconcile({ repair: true });
  for (const d of result.drift) logger.warn("projection drift", { ...d });
  logger.info("reconciled", {
    drift: result.drift.length,
    repaired: result.repaired,
    scheduledAt: event.time,
  });
  return { drift: result.drift.length, repaired: result.repaired };
};
