/**
 * Scheduled (EventBridge, every 15 minutes; locally a timer): expire requests
 * nobody answered within 48 h, freeing their seats and promoting waitlists.
 */
import { expireOpenRequests } from "../domain/bookings/expire.ts";
import { logger } from "../lib/logger.ts";

export const handler = async (event: { time?: string } = {}): Promise<{ expired: number }> => {
  const result = await expireOpenRequests(new Date());
  logger.info("expired open requests", { ...result, scheduledAt: event.time });
  return result;
};
