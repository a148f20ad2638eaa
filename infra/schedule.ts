/**
 * Schedule: every entry of JOBS (shared/routes.ts) runs its function on its
 * EventBridge schedule expression, with read and write table access; a job that
 * needs more (the daily reconcile Scans the whole table) says so in JOB_NEEDS, and
 * only it gets it. A job whose handler file does not exist yet is an error that
 * stops synth and deploy.
 */
import { Annotations, Duration, Validations } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { Schedule as EventSchedule, Rule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import { Effect, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import { JOBS } from "../shared/routes.ts";
import { entryExists } from "./bundling.ts";
import { AppFunction, type FunctionDefaults } from "./function.ts";

type JobHandler = (typeof JOBS)[number]["handler"];

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
      });
      const rule = new Rule(this, `${name}-Rule`, {
        description: `${job.handler}: ${job.summary}`,
        schedule: EventSchedule.expression(job.schedule),
      });
      rule.addTarget(new LambdaFunction(fn.fn, { retryAttempts: 2, maxEventAge: Duration.minutes(10) }));
      if (SMS_SENDERS.includes(job.handler)) grantSms(fn);
      this.functions.set(job.handler, fn);
      this.rules.set(job.handler, rule);
    }
  }
}
