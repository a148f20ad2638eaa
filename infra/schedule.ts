/**
 * Schedule: every entry of JOBS (shared/jobs.ts) runs its function on its
 * EventBridge schedule expression, with read and write table access; a job that
 * needs more (the daily reconcile Scans the whole table) says so in JOB_NEEDS, and
 * only it gets it. A job whose handler file does not exist yet is an error that
 * stops synth and deploy.
 *
 * Each job's errors raise an alarm (JOB_ALARMS: how many failed periods, sized to how
 * often it runs), and a text the SMS provider refused (marked failed by jobs/texts,
 * never tried again) raises one at once; all notify through Alerts.
 */
import { Annotations, Duration, Stack, Validations } from "aws-cdk-lib";
import { ComparisonOperator, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { Schedule as EventSchedule, Rule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import { Effect, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { FilterPattern, MetricFilter } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { JOBS, type JobHandler } from "../shared/jobs.ts";
import type { Alerts } from "./alerts.ts";
import { entryExists } from "./bundling.ts";
import { AppFunction, type FunctionDefaults } from "./function.ts";

/** What a job needs beyond read and write access and 2 minutes of 512 MB. */
export interface JobNeeds {
  /** Scan the table (not its indexes). */
  readonly scan?: boolean;
  readonly timeout?: Duration;
  readonly memorySize?: number;
}

export const JOB_NEEDS: Partial<Record<JobHandler, JobNeeds>> = {
  // Recomputes every derived figure from the bookings: it must read every item (a
  // parallel Scan of the table, held in memory to recount), once a day at 03:30 when
  // nobody books; a district's table is read well inside 15 minutes (Lambda's longest).
  "jobs/reconcile": { scan: true, timeout: Duration.minutes(15), memorySize: 2048 },
};

/**
 * When a job's errors (Lambda Errors, any failed attempt, EventBridge's retries
 * included) raise its alarm: at least one error in `datapoints` of the last
 * `periods` periods of `minutes`. A job running every few minutes alarms when it
 * keeps failing, not on one transient error the next run makes good; a daily job
 * alarms on any failed attempt, since its next chance is tomorrow.
 */
export interface JobAlarm {
  readonly minutes: number;
  readonly periods: number;
  readonly datapoints: number;
}

/** A job not listed: every five minutes, failing in 2 of 3. */
export const DEFAULT_JOB_ALARM: JobAlarm = { minutes: 5, periods: 3, datapoints: 2 };

export const JOB_ALARMS: Partial<Record<JobHandler, JobAlarm>> = {
  // Every minute: five runs a period; failing in two of three periods is texts ~10 minutes
  // stuck (reminders and confirmations to elderly residents not going out).
  "jobs/texts": { minutes: 5, periods: 3, datapoints: 2 },
  // Every 15 minutes (expiry is 48 h coarse; reminders catch up on the day what an evening
  // missed): two runs in a row failing, each after its retries, is a person's business; one is not.
  "jobs/expire": { minutes: 15, periods: 3, datapoints: 2 },
  "jobs/reminders": { minutes: 15, periods: 3, datapoints: 2 },
  // Daily (sessions 02:00, reconcile 03:30 local): any failed attempt in the hour of the run.
  "jobs/sessions": { minutes: 60, periods: 1, datapoints: 1 },
  "jobs/reconcile": { minutes: 60, periods: 1, datapoints: 1 },
  // Needs (群众点单), every 15 minutes (24 h / 72 h coarse): two runs in a row failing.
  "jobs/needs": { minutes: 15, periods: 3, datapoints: 2 },
  // Trust and safety (issue 19.6): daily retention, 04:00 local.
  "jobs/retention": { minutes: 60, periods: 1, datapoints: 1 },
};

/** The metric of texts the SMS provider refused, from the texts job's `texts sent` log line. */
export const TEXTS_FAILED_METRIC = "TextsFailed";

/**
 * The one function that sends texts (SMS) through Amazon SNS: SMS_SENDER=sns and
 * sns:Publish to phone numbers only. The projector and the reminder job only write
 * texts to the table.
 */
export const SMS_SENDERS: readonly JobHandler[] = ["jobs/texts"];

/**
 * sns:Publish straight to a phone number has no resource ARN (so `*`); publishing to
 * any topic is denied, so the role can send SMS and nothing else through SNS.
 */
function grantSms(fn: AppFunction) {
  fn.fn.addEnvironment("SMS_SENDER", "sns");
  fn.role.addToPrincipalPolicy(new PolicyStatement({ actions: ["sns:Publish"], resources: ["*"] }));
  fn.role.addToPrincipalPolicy(
    new PolicyStatement({ effect: Effect.DENY, actions: ["sns:Publish"], resources: ["arn:aws:sns:*:*:*"] }),
  );
  Validations.of(fn.role).acknowledge({
    id: "AwsSolutions-IAM5[Resource::*]",
    reason:
      "sns:Publish to a phone number (an SMS) has no resource ARN, so the resource must be *; publishing to any SNS topic is explicitly denied, so this role can only send texts",
  });
}

export interface ScheduleProps {
  readonly table: ITable;
  readonly defaults: FunctionDefaults;
  /** Where the alarms go (infra/alerts.ts). */
  readonly alerts: Alerts;
}

export class Schedule extends Construct {
  readonly functions = new Map<string, AppFunction>();
  readonly rules = new Map<string, Rule>();

  constructor(scope: Construct, id: string, props: ScheduleProps) {
    super(scope, id);
    for (const job of JOBS) {
      const name = job.handler.replace(/[^A-Za-z0-9]+/g, "-");
      if (!entryExists(job.handler)) {
        Annotations.of(this).addError(
          `job ${job.handler}: functions/${job.handler}.ts does not exist; JOBS lists it, so it must be written before deploying`,
        );
        continue;
      }
      const needs: JobNeeds = JOB_NEEDS[job.handler] ?? {};
      const fn = new AppFunction(this, name, {
        handler: job.handler,
        defaults: props.defaults,
        table: props.table,
        access: "write",
        scan: needs.scan ?? false,
        // Runs alone every few minutes: time enough for a backlog, well inside the interval.
        timeout: needs.timeout ?? Duration.minutes(2),
        ...(needs.memorySize ? { memorySize: needs.memorySize } : {}),
        description: `${job.schedule}: ${job.summary}`,
        // The texts job's log lines are counted by a metric filter (textsFailedAlarm).
        ownLogGroup: SMS_SENDERS.includes(job.handler),
      });
      const rule = new Rule(this, `${name}-Rule`, {
        description: `${job.handler}: ${job.summary}`,
        schedule: EventSchedule.expression(job.schedule),
      });
      rule.addTarget(new LambdaFunction(fn.fn, { retryAttempts: 2, maxEventAge: Duration.minutes(10) }));
      const a = JOB_ALARMS[job.handler] ?? DEFAULT_JOB_ALARM;
      props.alerts.alarm(this, `${name}-ErrorsAlarm`, {
        alarmDescription: `${job.handler} (${job.schedule}: ${job.summary}) failed (threw or timed out) ${a.periods === 1 ? `at least once in the ${a.minutes} minutes of its run` : `in ${a.datapoints} of the last ${a.periods} ${a.minutes}-minute periods`}, retries included. Read its log group, fix the cause, and invoke it again if a run's work was missed`,
        metric: fn.fn.metricErrors({ period: Duration.minutes(a.minutes), statistic: "Sum" }),
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: a.periods,
        datapointsToAlarm: a.datapoints,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      if (SMS_SENDERS.includes(job.handler)) {
        grantSms(fn);
        this.textsFailedAlarm(name, fn, props.alerts);
      }
      this.functions.set(job.handler, fn);
      this.rules.set(job.handler, rule);
    }
  }

  /**
   * A text the provider refused is marked failed and never tried again (functions/domain/texts/deliver.ts),
   * so the job does not error: its log line `texts sent` counts it. Any such text alarms at once.
   */
  private textsFailedAlarm(name: string, fn: AppFunction, alerts: Alerts) {
    const filter = new MetricFilter(this, `${name}-FailedFilter`, {
      logGroup: fn.logGroup,
      filterPattern: FilterPattern.all(
        FilterPattern.stringValue("$.message", "=", "texts sent"),
        FilterPattern.numberValue("$.failed", ">", 0),
      ),
      metricNamespace: `Wangtao/${Stack.of(this).stackName}`,
      metricName: TEXTS_FAILED_METRIC,
      metricValue: "$.failed",
    });
    alerts.alarm(this, `${name}-FailedAlarm`, {
      alarmDescription:
        "Texts (SMS) were refused by Amazon SNS and will not be retried: residents did not get them. Look at the texts job's log and the refused texts' error (the monthly SMS spend limit, an opted-out or invalid number, sandbox), fix it, and tell the residents another way",
      metric: filter.metric({ period: Duration.minutes(5), statistic: "Sum" }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
