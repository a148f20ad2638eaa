/**
 * Stream: each projector of STREAM_CONSUMERS (shared/stream.ts) reads the table's
 * stream through a Lambda event source mapping built from that one definition:
 *
 * - starting at TRIM_HORIZON, as the local poller starts an unseen shard: a mapping
 *   created (or recreated) after the stream was enabled still sees every record of the
 *   last 24 h, and the projections are idempotent, so a record seen twice changes
 *   nothing while a record skipped (LATEST) would be a figure wrong until reconcile;
 * - batches of `batchSize` gathered for at most `maxBatchingWindowSeconds`, filtered by
 *   STREAM_FILTER_PATTERNS before the function runs;
 * - partial batch responses (the handler names the first record it could not project),
 *   bisect on error, `retryAttempts` retries, then the batch's description goes to an
 *   encrypted, TLS-only SQS queue;
 * - alarms on that queue (any message), on the iterator age (projections more than a
 *   minute behind) and on the function's errors, each notifying through Alerts.
 *
 * The projector's role may read the stream, send to its queue, and read and write the
 * table's items (PROJECTOR_ACTIONS), nothing more: no Scan, no DeleteItem.
 */
import { Annotations, Duration, RemovalPolicy, Validations } from "aws-cdk-lib";
import { type Alarm, ComparisonOperator, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import type { Table } from "aws-cdk-lib/aws-dynamodb";
import { FilterCriteria, StartingPosition } from "aws-cdk-lib/aws-lambda";
import { DynamoEventSource, SqsDlq } from "aws-cdk-lib/aws-lambda-event-sources";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { STREAM_CONSUMERS, STREAM_FILTER_PATTERNS, type StreamConsumer } from "../shared/stream.ts";
import type { Alerts } from "./alerts.ts";
import { entryExists } from "./bundling.ts";
import { AppFunction, type FunctionDefaults, READ_ACTIONS } from "./function.ts";

/**
 * What the projector does to the table (functions/stream/project.ts and
 * functions/domain/projections): reads (GetItem, BatchGetItem, Query); writes each
 * counter, ranking entry and listing once per batch with a per-record marker in one
 * TransactWriteItems of Puts and Updates (IAM authorizes a transaction per item
 * action: PutItem, UpdateItem); puts notification, audit and outbox items one by one
 * (PutItem). No DeleteItem, no BatchWriteItem (which IAM cannot tell from a batch of
 * deletes), no ConditionCheckItem, no Scan.
 */
export const PROJECTOR_ACTIONS = [...READ_ACTIONS, "dynamodb:PutItem", "dynamodb:UpdateItem"] as const;

/** The projections are "a few seconds behind at most" (DESIGN.md); a minute behind is an incident. */
export const ITERATOR_AGE_ALARM_MS = 60_000;

export interface StreamProps {
  /** The table, with its stream enabled (infra/data.ts). */
  readonly table: Table;
  readonly defaults: FunctionDefaults;
  /** Where the alarms go (infra/alerts.ts). */
  readonly alerts: Alerts;
}

export interface Projector {
  readonly consumer: StreamConsumer;
  readonly function: AppFunction;
  /** Where a batch goes once its retries are spent (its description: shard and sequence numbers). */
  readonly failures: Queue;
  readonly alarms: { readonly failures: Alarm; readonly iteratorAge: Alarm; readonly errors: Alarm };
}

export class Stream extends Construct {
  /** By handler name. */
  readonly projectors = new Map<string, Projector>();

  constructor(scope: Construct, id: string, props: StreamProps) {
    super(scope, id);
    if (!props.table.tableStreamArn)
      Annotations.of(this).addError("the table has no stream: infra/data.ts must enable TABLE.stream");
    for (const consumer of STREAM_CONSUMERS as readonly StreamConsumer[]) {
      if (!entryExists(consumer.handler)) {
        Annotations.of(this).addError(
          `stream consumer ${consumer.handler}: functions/${consumer.handler}.ts does not exist; STREAM_CONSUMERS lists it, so it must be written before deploying`,
        );
        continue;
      }
      this.projectors.set(consumer.handler, this.projector(consumer, props));
    }
  }

  private projector(consumer: StreamConsumer, props: StreamProps): Projector {
    const name = consumer.handler.replace(/[^A-Za-z0-9]+/g, "-");
    const failures = new Queue(this, `${name}-Failures`, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // The longest SQS keeps a message: time to read the failed range (the stream keeps it 24 h) or to run reconcile --repair.
      retentionPeriod: Duration.days(14),
      removalPolicy: props.defaults.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(failures).acknowledge({
      id: "AwsSolutions-SQS3",
      reason: `this queue IS a dead-letter queue: the on-failure destination of ${consumer.handler}'s stream event source mapping (a Lambda destination, not an SQS redrive policy, so cdk-nag cannot see it); nothing consumes it, its alarm pages a person`,
    });

    const fn = new AppFunction(this, name, {
      handler: consumer.handler,
      defaults: props.defaults,
      table: props.table,
      access: { actions: PROJECTOR_ACTIONS },
      // A batch of batchSize records sums to one write per counter item; the local poller allows the same.
      timeout: Duration.seconds(30),
      description: `DynamoDB stream: ${consumer.summary}`.slice(0, 256),
    });
    fn.fn.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: consumer.batchSize,
        maxBatchingWindow: Duration.seconds(consumer.maxBatchingWindowSeconds),
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: consumer.retryAttempts,
        onFailure: new SqsDlq(failures),
        filters: STREAM_FILTER_PATTERNS.map((pattern) => FilterCriteria.filter(pattern)),
      }),
    );
    // DynamoEventSource grants the stream read (grantStreamRead); ListStreams has no resource to name.
    Validations.of(fn.role).acknowledge({
      id: "AwsSolutions-IAM5[Resource::*]",
      reason:
        "dynamodb:ListStreams, added by DynamoEventSource's grantStreamRead, is an account-level IAM action with no resource type; DescribeStream, GetRecords and GetShardIterator are on this table's stream ARN only",
    });

    const alarms = {
      failures: props.alerts.alarm(this, `${name}-FailuresAlarm`, {
        alarmDescription: `${consumer.handler}: a stream batch failed every retry and went to the failure queue; figures may be behind until the range is replayed or \`npm run reconcile -- --repair\` runs`,
        metric: failures.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(1),
          statistic: "Maximum",
        }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
      iteratorAge: props.alerts.alarm(this, `${name}-IteratorAgeAlarm`, {
        alarmDescription: `${consumer.handler}: the projections are more than ${ITERATOR_AGE_ALARM_MS / 1000} s behind the table for 3 minutes`,
        metric: fn.fn.metric("IteratorAge", { period: Duration.minutes(1), statistic: "Maximum" }),
        threshold: ITERATOR_AGE_ALARM_MS,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
      errors: props.alerts.alarm(this, `${name}-ErrorsAlarm`, {
        alarmDescription: `${consumer.handler}: invocations failed (threw or timed out) in 2 of the last 3 five-minute periods; a single transient failure is retried and does not alarm`,
        metric: fn.fn.metricErrors({ period: Duration.minutes(5), statistic: "Sum" }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    };
    return { consumer, function: fn, failures, alarms };
  }
}
