/**
 * Alerts: where every alarm of the stack goes. One SNS topic, encrypted with a
 * customer-managed KMS key (rotated yearly) and TLS-only; every alarm publishes to
 * it when it goes into ALARM and again when it is OK. A person subscribes to it:
 * by e-mail from context at deploy time (`npx cdk deploy -c alarmEmail=ops@example.org`,
 * several comma separated; none by default), or afterwards with a phone or a
 * ChatOps client on the topic ARN (output `AlarmTopicArn`).
 *
 * CloudWatch publishes to an encrypted topic only if the key's policy lets the
 * CloudWatch service principal use the key (kms:Decrypt, kms:GenerateDataKey*);
 * without it the alarm fires and nobody hears. The grant is limited to this
 * account's alarms (aws:SourceAccount).
 *
 * Every alarm in the stack must go through `notify` (or `alarm`): synth fails on an
 * alarm that notifies nobody.
 */
import { Aws, RemovalPolicy, Stack } from "aws-cdk-lib";
import { Alarm, type AlarmProps } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct, type IConstruct } from "constructs";

export interface AlertsProps {
  /** prod: the key is kept when the stack goes (messages and subscriptions may still need it). */
  readonly retain: boolean;
  /** Addresses subscribed by e-mail (each must confirm the subscription mail). */
  readonly emails?: readonly string[];
}

/** The `alarmEmail` context value (comma separated addresses) as a list; none if absent. */
export function alarmEmails(value: unknown): string[] {
  if (value === undefined || value === null || value === "") return [];
  const emails = (Array.isArray(value) ? value.map(String) : String(value).split(","))
    .map((e) => e.trim())
    .filter(Boolean);
  for (const e of emails)
    if (!/^[^@\s,]+@[^@\s,]+\.[^@\s,]+$/.test(e))
      throw new Error(`alarmEmail: "${e}" is not an e-mail address (use -c alarmEmail=a@b.org,c@d.org)`);
  return emails;
}

export class Alerts extends Construct {
  readonly key: Key;
  readonly topic: Topic;
  private readonly action: SnsAction;
  private readonly notified = new Set<Alarm>();

  constructor(scope: Construct, id: string, props: AlertsProps) {
    super(scope, id);
    this.key = new Key(this, "Key", {
      description: "网淘: encrypts the alarm notifications topic",
      enableKeyRotation: true,
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    // CloudWatch alarms publishing to a KMS-encrypted topic (SNS developer guide,
    // "compatibility between event sources from AWS services and encrypted topics").
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: "CloudWatchAlarmsPublishToTheAlarmTopic",
        principals: [new ServicePrincipal("cloudwatch.amazonaws.com")],
        actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
        resources: ["*"],
        conditions: { StringEquals: { "aws:SourceAccount": Aws.ACCOUNT_ID } },
      }),
    );
    this.topic = new Topic(this, "Topic", {
      displayName: "网淘 alarms",
      masterKey: this.key,
      enforceSSL: true,
    });
    for (const email of props.emails ?? []) this.topic.addSubscription(new EmailSubscription(email));
    this.action = new SnsAction(this.topic);

    const stack = Stack.of(this);
    stack.node.addValidation({
      validate: () =>
        stack.node
          .findAll()
          .filter((c: IConstruct): c is Alarm => c instanceof Alarm && !this.notified.has(c))
          .map(
            (a) =>
              `${a.node.path}: an alarm that notifies nobody; create it with Alerts.alarm or pass it to Alerts.notify`,
          ),
    });
  }

  /** The alarms publish to the topic when they go into ALARM and when they are OK again. */
  notify(...alarms: Alarm[]): void {
    for (const alarm of alarms) {
      if (this.notified.has(alarm)) continue;
      alarm.addAlarmAction(this.action);
      alarm.addOkAction(this.action);
      this.notified.add(alarm);
    }
  }

  /** A new alarm in `scope`, already notifying. */
  alarm(scope: Construct, id: string, props: AlarmProps): Alarm {
    const alarm = new Alarm(scope, id, props);
    this.notify(alarm);
    return alarm;
  }
}
