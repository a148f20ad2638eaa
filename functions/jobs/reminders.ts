/**
 * Scheduled (every 15 minutes from 18:00 to 23:45 Asia/Shanghai; locally a timer):
 * the day-before reminders of tomorrow's services, once each (texts/reminders.ts).
 */
import { sendReminders } from "../domain/texts/reminders.ts";
import { logger } from "../lib/logger.ts";

export const handler = async (event: { time?: string } = {}) => {
  const result = await sendReminders(event.time ? new Date(event.time) : new Date());
  if (result.reminded) logger.info("reminders", { ...result, scheduledAt: event.time });
  return result;
};
