/**
 * Scheduled (every 15 minutes; locally a timer): needs open 24 h go to their
 * community's workers (待派单), needs open 72 h expire (needs/sweep.ts). Once each,
 * however often it runs.
 */
import { sweepNeeds } from "../domain/needs/sweep.ts";
import { logger } from "../lib/logger.ts";

export const handler = async (event: { time?: string } = {}) => {
  const result = await sweepNeeds(event.time ? new Date(event.time) : new Date());
  if (result.escalated || result.expired) logger.info("needs", { ...result, scheduledAt: event.time });
  return result;
};
