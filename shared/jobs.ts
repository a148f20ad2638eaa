/**
 * The scheduled jobs: one line per job. Not HTTP routes, but functions all the
 * same: `handler` names the module `functions/<handler>.ts`, which exports
 * `handler`. CDK runs each on its EventBridge `schedule` (infra/schedule.ts);
 * the local runtime on a timer every `everyMs` (infra/local/start.ts).
 */
export const JOBS = [
  {
    handler: "jobs/expire",
    schedule: "rate(15 minutes)",
    everyMs: 15 * 60_000,
    summary: "Expire requests unanswered for 48 h",
  },
  {
    handler: "jobs/reconcile",
    // 03:30 Asia/Shanghai, when the district is asleep.
    schedule: "cron(30 19 * * ? *)",
    everyMs: 24 * 3_600_000,
    summary: "Recompute every derived figure from the bookings and report (or repair) drift",
  },
  {
    handler: "jobs/sessions",
    // 02:00 Asia/Shanghai: the sessions coming into the 8-week horizon appear.
    schedule: "cron(0 18 * * ? *)",
    everyMs: 6 * 3_600_000,
    summary: "Make the sessions of scheduled listings for the coming 8 weeks",
  },
  {
    handler: "jobs/texts",
    schedule: "rate(1 minute)",
    everyMs: 60_000,
    summary: "Send the texts (SMS) that are due, each once: new ones, and those held through quiet hours",
  },
  {
    handler: "jobs/reminders",
    // Every 15 minutes: from 18:00 Asia/Shanghai the day-before reminders; at any hour, on the day,
    // a reminder every evening run missed (until an hour before the start). Once each, however often it runs.
    schedule: "cron(0/15 * * * ? *)",
    everyMs: 15 * 60_000,
    summary:
      "Remind residents (text and notice) and volunteers (notice) of tomorrow's services from 18:00, and on the day of any the evening missed",
  },
  // needs (群众点单)
  {
    handler: "jobs/needs",
    schedule: "rate(15 minutes)",
    everyMs: 15 * 60_000,
    summary: "Show needs open 24 h to their community's workers (待派单) and expire those open 72 h",
  },
  // ----- Trust and safety (issue 19.6) -----
  {
    handler: "jobs/retention",
    // 04:00 Asia/Shanghai, after reconcile.
    schedule: "cron(0 20 * * ? *)",
    everyMs: 24 * 3_600_000,
    summary:
      "PIPL retention: contact of bookings finished 180 days ago anonymised, texts older than 30 days deleted",
  },
] as const;

export type JobHandler = (typeof JOBS)[number]["handler"];
