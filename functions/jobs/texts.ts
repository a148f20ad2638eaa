/**
 * Scheduled (every minute; locally a timer): send the texts that are due — made by
 * the stream projector and the reminder job, or held through quiet hours — through
 * the configured sender (Amazon SNS deployed, the table's outbox locally).
 */
import { deliverDue } from "../domain/texts/deliver.ts";
import { senderFromEnv } from "../domain/texts/sender.ts";
import { logger } from "../lib/logger.ts";

export const handler = async (event: { time?: string } = {}) => {
  const result = await deliverDue(senderFromEnv(), event.time ? new Date(event.time) : new Date());
  if (result.sent || result.failed) logger.info("texts sent", { ...result, scheduledAt: event.time });
  return result;
};
