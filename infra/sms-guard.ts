/**
 * Texts deployed, guarded (trust and safety, issue 19): an SMS country allow-list and
 * a spend alarm.
 * - An AWS End User Messaging protect configuration that allows SMS to mainland
 *   China (CN) only and blocks every other country, made the account's default (a
 *   custom resource: CloudFormation has no property for it), so neither Cognito's
 *   verification codes nor the texts job can text a premium-rate number abroad.
 * - An alarm on SNS's month-to-date SMS spend, at SMS_SPEND_ALARM_USD, through the
 *   stack's alerts: someone pumping texts is seen long before the account's monthly
 *   SMS limit stops every real text too.
 * - The inbound topic two-way SMS publishes replies to, and functions/sms/inbound.ts
 *   subscribed to it: a reply of T opts the number out (set the topic as the
 *   two-way destination of the origination number when it is registered).
 */
import { Aws, Duration, RemovalPolicy } from "aws-cdk-lib";
import { ComparisonOperator, Metric, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import { CfnProtectConfiguration } from "aws-cdk-lib/aws-smsvoice";
import { Topic } from "aws-cdk-lib/aws-sns";
import { LambdaSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from "aws-cdk-lib/custom-resources";
import { Construct } from "constructs";
import type { Alerts } from "./alerts.ts";
import { TRIGGERS } from "./bundling.ts";
import { AppFunction, type FunctionDefaults } from "./function.ts";

/** The only country texts may go to. */
export const SMS_ALLOWED_COUNTRY = "CN";
/** Month-to-date SMS spend (USD) that raises the alarm. */
export const SMS_SPEND_ALARM_USD = 20;

/** Every ISO 3166-1 alpha-2 region the runtime's ICU names (AA–ZZ that resolve to a name). */
export function isoCountries(): string[] {
  const names = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });
  const out: string[] = [];
  for (let a = 65; a <= 90; a++)
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = names.of(code);
      // Unknown or private-use codes come back as themselves; "ZZ" is "Unknown Region".
      if (name && name !== code && code !== "ZZ" && !/^(X[A-Z]|Q[M-Z]|AA|OO|EU|EZ|UN)$/.test(code))
        out.push(code);
    }
  return out;
}

export class SmsGuard extends Construct {
  readonly protect: CfnProtectConfiguration;
  readonly inbound: Topic;
  constructor(
    scope: Construct,
    id: string,
    props: { alerts: Alerts; retain: boolean; table: ITable; defaults: FunctionDefaults },
  ) {
    super(scope, id);
    const key = new Key(this, "InboundKey", {
      description: "网淘: encrypts the inbound SMS topic",
      enableKeyRotation: true,
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const sms = new ServicePrincipal("sms-voice.amazonaws.com");
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: "TwoWaySmsPublishes",
        principals: [sms],
        actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
        resources: ["*"],
        conditions: { StringEquals: { "aws:SourceAccount": Aws.ACCOUNT_ID } },
      }),
    );
    this.inbound = new Topic(this, "Inbound", {
      displayName: "网淘 inbound SMS",
      masterKey: key,
      enforceSSL: true,
    });
    this.inbound.grantPublish(sms);
    const inbound = new AppFunction(this, "InboundFn", {
      handler: TRIGGERS.smsInbound,
      defaults: props.defaults,
      table: props.table,
      access: "write",
      description: "Inbound SMS: a reply of T opts the number out of every text",
    });
    this.inbound.addSubscription(new LambdaSubscription(inbound.fn));
    this.protect = new CfnProtectConfiguration(this, "CountryAllowList", {
      deletionProtectionEnabled: props.retain,
      countryRuleSet: {
        sms: isoCountries().map((countryCode) => ({
          countryCode,
          protectStatus: countryCode === SMS_ALLOWED_COUNTRY ? "ALLOW" : "BLOCK",
        })),
      },
    });
    const call = {
      service: "PinpointSMSVoiceV2",
      action: "setAccountDefaultProtectConfiguration",
      parameters: { ProtectConfigurationId: this.protect.attrProtectConfigurationId },
      physicalResourceId: PhysicalResourceId.of(this.protect.attrProtectConfigurationId),
    };
    new AwsCustomResource(this, "AccountDefault", {
      onCreate: call,
      onUpdate: call,
      installLatestAwsSdk: false,
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({
          actions: ["sms-voice:SetAccountDefaultProtectConfiguration"],
          resources: [this.protect.attrArn],
        }),
      ]),
    });
    props.alerts.alarm(this, "SpendAlarm", {
      alarmDescription: `Month-to-date SMS spend over ${SMS_SPEND_ALARM_USD} USD: someone may be pumping texts (see README "Security and privacy")`,
      metric: new Metric({
        namespace: "AWS/SNS",
        metricName: "SMSMonthToDateSpentUSD",
        statistic: "Maximum",
        period: Duration.minutes(5),
      }),
      threshold: SMS_SPEND_ALARM_USD,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
