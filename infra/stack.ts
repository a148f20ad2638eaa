/**
 * The district service as one stack: data, auth, site, API, stream projectors and
 * schedule, wired together, every alarm notifying through one encrypted topic (alerts); stage `dev` (default) or `prod` from context (`-c stage=prod`).
 * prod keeps everything (table, pool, buckets, logs) and turns deletion
 * protection on; dev may be destroyed whole.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type App, Aws, CfnOutput, Stack, type StackProps, Validations } from "aws-cdk-lib";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import { AwsSolutionsChecks } from "cdk-nag";
import type { Construct } from "constructs";
import { ROUTES, type Route, routeKey } from "../shared/routes.ts";
import { Alerts, alarmEmails } from "./alerts.ts";
import { Api, type RouteLimits } from "./api.ts";
import { Auth } from "./auth.ts";
import { REPO_ROOT } from "./bundling.ts";
import { Data } from "./data.ts";
import type { FunctionDefaults } from "./function.ts";
import { suppressNagFindings } from "./nag.ts";
import { Photos } from "./photos.ts";
import { Schedule } from "./schedule.ts";
import { Site, WEB_DIST } from "./site.ts";
import { SmsGuard } from "./sms-guard.ts";
import { Stream } from "./stream.ts";
import { EdgeWafStack } from "./waf.ts";

export const STAGE_NAMES = ["dev", "prod"] as const;
export type StageName = (typeof STAGE_NAMES)[number];

export interface StageConfig {
  readonly name: StageName;
  readonly retain: boolean;
  readonly logRetention: RetentionDays;
  readonly logDays: number;
  readonly logLevel: string;
  /** Every route's throttling (API Gateway: per route), unless it has its own. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  /**
   * The join (加入该项目): its own throttling and its function's reserved concurrency, for a
   * rush. A request over the limits gets 429, which the storefront retries with backoff
   * ("排队中…"); but a Lambda throttle reaches the client as a 500 (an HTTP API cannot
   * remap it), so the burst admitted at once must fit in the reserved concurrency.
   */
  readonly join: RouteLimits;
  /**
   * The public reads a page load makes (the service page, its sessions and reviews,
   * the catalogue, the calendar…): at 9:00 every resident waiting for a rush opens the
   * service page at once. Above the default so a page load is not refused where the
   * join would be admitted; the storefront also tries a throttled read again.
   */
  readonly pageReads: RouteLimits;
}

/** The join route, by handler: its key in the stage's route settings. */
export const JOIN_ROUTE = routeKey(
  (ROUTES as readonly Route[]).find((r) => r.handler === "bookings/create") as Route,
);

/** The public GET routes, by key: the reads a page load makes. */
export const PAGE_READ_ROUTES = (ROUTES as readonly Route[])
  .filter((r) => r.method === "GET" && r.access === "public")
  .map(routeKey);

/** A stage whose limits would turn a rush into 500s is refused. */
export function checkStage(stage: StageConfig): void {
  const { join } = stage;
  if (join.reservedConcurrency === undefined) return;
  // Each admitted join holds one execution environment; a cold one up to ~1 s.
  if (join.burstLimit > join.reservedConcurrency || join.rateLimit > join.reservedConcurrency)
    throw new Error(
      `${stage.name}: the join admits a burst of ${join.burstLimit} and ${join.rateLimit}/s but may run only ${join.reservedConcurrency} at once; the rest would be Lambda throttles, which the client sees as 500`,
    );
}

export const STAGES: Record<StageName, StageConfig> = {
  dev: {
    name: "dev",
    retain: false,
    logRetention: RetentionDays.TWO_WEEKS,
    logDays: 14,
    logLevel: "DEBUG",
    throttle: { rateLimit: 20, burstLimit: 40 },
    // No reservation: a fresh dev account may have a concurrency quota of 10, and a
    // reservation must leave 100 unreserved; dev's own throttling keeps a rush small.
    join: { rateLimit: 20, burstLimit: 50 },
    pageReads: { rateLimit: 50, burstLimit: 100 },
  },
  prod: {
    name: "prod",
    retain: true,
    logRetention: RetentionDays.SIX_MONTHS,
    logDays: 180,
    logLevel: "INFO",
    // A district's residents: a few requests a second at peak; the limit stops floods, not people.
    throttle: { rateLimit: 100, burstLimit: 200 },
    // A health-check day: 2,000 seats, 4,000 residents at 9:00. 300 are admitted at once and
    // 200 a second after, so every seat is taken in ~9 s and every resident answered (seat,
    // waitlist or full) within ~20 s, the rest retrying on 429 meanwhile. 200/s is 400 WCU/s
    // on one event's seat counter, inside DynamoDB's 1,000 per item with room for conflicts.
    // 300 reserved: the burst fits (no Lambda throttle, no 500), and a rush leaves the other
    // functions 700 of the default account quota of 1,000.
    join: { rateLimit: 200, burstLimit: 300, reservedConcurrency: 300 },
    // 4,000 residents opening the service page within a few seconds of 9:00; a read is one
    // GetItem or Query (~20 ms), so 1,000/s is about 20 functions at once.
    pageReads: { rateLimit: 1000, burstLimit: 2000 },
  },
};

export interface WangtaoStackProps extends StackProps {
  readonly stage: StageConfig;
  /** Cognito hosted UI prefix; default `wangtao-<stage>-<account id>` (unique per region). */
  readonly authDomainPrefix?: string;
  readonly districtName?: string;
  /** Subscribed by e-mail to the alarm topic (context `alarmEmail`, comma separated); none by default. */
  readonly alarmEmails?: readonly string[];
  /** Trust and safety: the CloudFront web ACL (infra/waf.ts EdgeWafStack, us-east-1) in front of the site and /api. */
  readonly edgeWebAclArn?: string;
}

export class WangtaoStack extends Stack {
  readonly data: Data;
  readonly alerts: Alerts;
  readonly auth: Auth;
  readonly site: Site;
  readonly api: Api;
  readonly schedule: Schedule;
  readonly stream: Stream;
  readonly smsGuard: SmsGuard;
  readonly photos: Photos;

  constructor(scope: Construct, id: string, props: WangtaoStackProps) {
    super(scope, id, props);
    const { stage } = props;
    checkStage(stage);
    const defaults: FunctionDefaults = {
      logRetention: stage.logRetention,
      logLevel: stage.logLevel,
      districtName: props.districtName ?? "拱墅区",
      retain: stage.retain,
    };

    // First: every alarm below notifies through it.
    this.alerts = new Alerts(this, "Alerts", { retain: stage.retain, emails: props.alarmEmails ?? [] });
    this.data = new Data(this, "Data", { retain: stage.retain });
    this.auth = new Auth(this, "Auth", {
      domainPrefix: props.authDomainPrefix ?? `wangtao-${stage.name}-${Aws.ACCOUNT_ID}`,
      defaults,
      retain: stage.retain,
      table: this.data.table,
    });
    this.site = new Site(this, "Site", {
      authOrigin: this.auth.baseUrl,
      retain: stage.retain,
      logDays: stage.logDays,
      ...(props.edgeWebAclArn ? { webAclArn: props.edgeWebAclArn } : {}),
    });
    const client = this.auth.addStorefrontClient(this.site.url);
    this.api = new Api(this, "Api", {
      table: this.data.table,
      userPool: this.auth.userPool,
      client,
      defaults,
      alerts: this.alerts,
      throttle: stage.throttle,
      routeLimits: {
        ...Object.fromEntries(PAGE_READ_ROUTES.map((key) => [key, stage.pageReads])),
        [JOIN_ROUTE]: stage.join,
      },
    });
    this.eraseUsers();
    this.site.routeApi(this.api.domainName);
    // Photos: the bucket, its processing function, the API's rights on it and /photos/*.
    this.photos = new Photos(this, "Photos", {
      table: this.data.table,
      defaults,
      retain: stage.retain,
      logs: this.site.logs,
    });
    this.photos.grantApi(this.api.functions);
    this.site.servePhotos(this.photos.bucket);
    this.site.publish({
      auth: {
        kind: "cognito",
        domain: this.auth.baseUrl,
        clientId: client.userPoolClientId,
        redirectUri: `${this.site.url}/login/`,
      },
    });
    this.stream = new Stream(this, "Stream", { table: this.data.table, defaults, alerts: this.alerts });
    this.schedule = new Schedule(this, "Schedule", {
      table: this.data.table,
      defaults,
      alerts: this.alerts,
    });

    // Trust and safety (issue 19): the SMS country allow-list and the spend alarm
    this.smsGuard = new SmsGuard(this, "SmsGuard", {
      alerts: this.alerts,
      retain: stage.retain,
      table: this.data.table,
      defaults,
    });

    this.outputs(client.userPoolClientId);
    suppressNagFindings(this);
  }

  /** Trust and safety (issue 19.6): DELETE /api/me deletes the Cognito user too, and only it may. */
  private eraseUsers(): void {
    const erase = this.api.functions.get("me/erase");
    if (!erase) return;
    erase.fn.addEnvironment("USER_POOL_ID", this.auth.userPool.userPoolId);
    this.auth.userPool.grant(erase.role, "cognito-idp:AdminDeleteUser");
  }

  /** What a deploy prints: the site, the API, the user pool and its client, the table, the alarm topic. */
  private outputs(clientId: string): void {
    new CfnOutput(this, "SiteUrl", { value: this.site.url, description: "The storefront (and /api)" });
    new CfnOutput(this, "ApiUrl", {
      value: this.api.httpApi.apiEndpoint,
      description: "The HTTP API itself",
    });
    new CfnOutput(this, "UserPoolId", { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, "UserPoolClientId", { value: clientId });
    new CfnOutput(this, "AuthDomain", { value: this.auth.baseUrl, description: "Cognito hosted UI" });
    new CfnOutput(this, "TableName", { value: this.data.table.tableName });
    new CfnOutput(this, "AlarmTopicArn", {
      value: this.alerts.topic.topicArn,
      description: "Every alarm publishes here (ALARM and OK): subscribe e-mail, a phone or ChatOps",
    });
  }
}

/** Build web/dist if it is missing (a fresh clone), so synth never deploys an empty site. */
export function ensureStorefrontBuilt(distDir = WEB_DIST): void {
  if (existsSync(join(distDir, "index.html"))) return;
  process.stderr.write(`web/dist is missing: building the storefront (npm run build) first\n`);
  const astro = join(REPO_ROOT, "node_modules", ".bin", "astro");
  const run = spawnSync(astro, ["build", "--root", "web"], { cwd: REPO_ROOT, stdio: ["ignore", 2, 2] });
  if (run.status !== 0 || !existsSync(join(distDir, "index.html")))
    throw new Error("could not build the storefront into web/dist; run `npm run build` and see its errors");
}

export function stageOf(app: App): StageConfig {
  const name = String(app.node.tryGetContext("stage") ?? "dev");
  if (!(STAGE_NAMES as readonly string[]).includes(name))
    throw new Error(`unknown stage "${name}": use -c stage=dev or -c stage=prod`);
  return STAGES[name as StageName];
}

/** The whole app: the stage's stack, checked by cdk-nag's AwsSolutions pack. */
export function buildApp(app: App): WangtaoStack {
  ensureStorefrontBuilt();
  const stage = stageOf(app);
  const domain = app.node.tryGetContext("authDomainPrefix");
  const district = app.node.tryGetContext("district");
  const emails = alarmEmails(app.node.tryGetContext("alarmEmail"));
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const region = process.env.CDK_DEFAULT_REGION;
  // The CloudFront web ACL lives in us-east-1; its ARN crosses regions, which needs the stack's region known
  // (cdk deploy always knows it). A region-agnostic synth leaves the distribution without it.
  const edge = region
    ? new EdgeWafStack(app, `Wangtao-${stage.name}-edge`, {
        env: { account, region: "us-east-1" },
        crossRegionReferences: true,
        description: `网淘 web ACL for CloudFront (${stage.name})`,
        tags: { project: "wangtao", stage: stage.name },
      })
    : undefined;
  const stack = new WangtaoStack(app, `Wangtao-${stage.name}`, {
    ...(edge ? { crossRegionReferences: true, edgeWebAclArn: edge.webAcl.attrArn } : {}),
    stage,
    description: `网淘 volunteer-service marketplace (${stage.name})`,
    env: { account, region },
    terminationProtection: stage.retain,
    ...(typeof domain === "string" ? { authDomainPrefix: domain } : {}),
    ...(typeof district === "string" ? { districtName: district } : {}),
    alarmEmails: emails,
    tags: { project: "wangtao", stage: stage.name },
  });
  if (edge) suppressNagFindings(edge);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return stack;
}
