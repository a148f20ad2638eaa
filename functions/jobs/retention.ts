/**
 * Scheduled daily (EventBridge; locally a timer): PIPL retention. Contact of
 * bookings finished over 180 days ago is removed, and texts over 30 days old leave
 * the outbox (privacy/retention.ts).
 */
import { applyRetention } from "../domain/privacy/retention.ts";
import { logger } from "../lib/logger.ts";

export const handler = async (
  event: { time?: string } = {},
): Promise<{ anonymised: number; textsDeleted: number }> => {
  const result = await applyRetention(new Date());
  logger.info("retention applied", { ...result, scheduledAt: event.time });
  return result;
};
