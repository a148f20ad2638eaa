/**
 * Scheduled (every 15 minutes; locally a timer): from 18:00 Asia/Shanghai the
 * day-before reminders of tomorrow's services, and on the day any the evening runs
 * missed; once each (texts/reminders.ts).
 */
import { sendReminders } from "../domain/texts/reminders.ts";
import { logger } from "../lib/logger.ts";

export const handler = async (event: { time?: string } = {}) => {
  const result = await sendReminders(event.time ? new Date(event.time) : new Date());
  if (result.reminded || result.caughtUp) logger.info("reminders", { ...result, scheduledAt: event.time });
  return result;
};
