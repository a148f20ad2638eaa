/**
 * Scheduled (daily when deployed; a timer locally): scheduled listings get the
 * sessions that came into their 8-week horizon, and sessions that have started are
 * counted once into the dashboard's fill rate.
 */
import { communityCounts } from "../domain/listings/read.ts";
import { expandAllSchedules } from "../domain/sessions/expand.ts";
import { countStartedSessions } from "../domain/sessions/fill.ts";
import { logger } from "../lib/logger.ts";

export const handler = async (): Promise<{ listings: number; sessions: number; counted: number }> => {
  const now = new Date();
  const made = await expandAllSchedules(now);
  const communities = (await communityCounts()).map((c) => c.name);
  const counted = await countStartedSessions(communities, now);
  logger.info("sessions kept", { ...made, counted });
  return { ...made, counted };
};
