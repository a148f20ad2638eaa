/** The daily job: scheduled listings get the sessions that came into their 8-week horizon. */
import { expandAllSchedules } from "../domain/sessions/expand.ts";
import { logger } from "../lib/logger.ts";

export const handler = async (): Promise<{ listings: number; sessions: number }> => {
  const made = await expandAllSchedules();
  logger.info("sessions expanded", made);
  return made;
};
