/**
 * The district service as one stack: data, auth, site, API and schedule, wired
 * together; stage `dev` (default) or `prod` from context (`-c stage=prod`).
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
import { Api } from "./api.ts";
import { Auth } from "./auth.ts";
import { REPO_ROOT } from "./bundling.ts";
import { Data } from "./data.ts";
import type { FunctionDefaults } from "./function.ts";
import { suppressNagFindings } from "./nag.ts";
import { Schedule } from "./schedule.ts";
import { Site, WEB_DIST } from "./site.ts";

export const STAGE_NAMES = ["dev", "prod"] as const;
export type StageName = (typeof STAGE_NAMES)[number];

export interface StageConfig {
  readonly name: StageName;
  readonly retain: boolean;
  readonly logRetention: RetentionDays;
  readonly logDays: number;
  readonly logLevel: string;
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
}

export const STAGES: Record<StageName, StageConfig> = {
  dev: {
    name: "dev",
    retain: false,
    logRetention: RetentionDays.TWO_WEEKS,
    logDays: 14,
    logLevel: "DEBUG",
    throttle: { rateLimit: 20, burstLimit: 40 },
  },
  prod: {
    name: "prod",
    retain: true,
    logRetention: RetentionDays.SIX_MONTHS,
    logDays: 180,
    logLevel: "INFO",
    // A district's residents: a few requests a second at peak; the limit stops floods, not people.
    throttle: { rateLimit: 100, burstLimit: 200 },
  },
};

export interface WangtaoStackProps extends StackProps {
  readonly stage: StageConfig;
  /** Cognito hosted UI prefix; default `wangtao-<stage>-<account id>` (unique per region). */
  readonly authDomainPrefix?: string;
  readonly districtName?: string;
}

export class WangtaoStack extends Stack {
  readonly data: Data;
  readonly auth: Auth;
  readonly site: Site;
  readonly api: Api;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: WangtaoStackProps) {
    super(scope, id, props);
    const { stage } = props;
    const defaults: FunctionDefaults = {
      logRetention: stage.logRetention,
      logLevel: stage.logLevel,
      districtName: props.districtName ?? "拱墅区",
      retain: stage.retain,
    };

    this.data = new Data(this, "Data", { retain: stage.retain });
    this.auth = new Auth(this, "Auth", {
      domainPrefix: props.authDomainPrefix ?? `wangtao-${stage.name}-${Aws.ACCOUNT_ID}`,
      defaults,
      retain: stage.retain,
    });
    this.site = new Site(this, "Site", {
      authOrigin: this.auth.baseUrl,
      retain: stage.retain,
      logDays: stage.logDays,
    });
    const client = this.auth.addStorefrontClient(this.site.url);
    this.api = new Api(this, "Api", {
      table: this.data.table,
      userPool: this.auth.userPool,
      client,
      defaults,
      throttle: stage.throttle,
    });
    this.site.routeApi(this.api.domainName);
    this.site.publish({
      auth: {
        kind: "cognito",
        domain: this.auth.baseUrl,
        clientId: client.userPoolClientId,
        redirectUri: `${this.site.url}/login/`,
      },
    });
    this.schedule = new Schedule(this, "Schedule", { table: this.data.table, defaults });

    new CfnOutput(this, "SiteUrl", { value: this.site.url, description: "The storefront (and /api)" });
    new CfnOutput(this, "ApiUrl", {
      value: this.api.httpApi.apiEndpoint,
      description: "The HTTP API itself",
    });
    new CfnOutput(this, "UserPoolId", { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, "UserPoolClientId", { value: client.userPoolClientId });
    new CfnOutput(this, "AuthDomain", { value: this.auth.baseUrl, description: "Cognito hosted UI" });
    new CfnOutput(this, "TableName", { value: this.data.table.tableName });

    suppressNagFindings(this);
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
  const stack = new WangtaoStack(app, `Wangtao-${stage.name}`, {
    stage,
    description: `网淘 volunteer-service marketplace (${stage.name})`,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    terminationProtection: stage.retain,
    ...(typeof domain === "string" ? { authDomainPrefix: domain } : {}),
    ...(typeof district === "string" ? { districtName: district } : {}),
    tags: { project: "wangtao", stage: stage.name },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return stack;
}
