/**
 * The CDK app, synthesized once for prod (with real esbuild bundling of every
 * function) and once for dev (bundling skipped: only stage differences are
 * checked there), asserted against the route table, the table definition,
 * JOBS, STREAM_CONSUMERS and the stage limits, and checked by cdk-nag's
 * AwsSolutions pack.
 */

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { App as CdkApp, Duration, Stack } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { CachePolicy, OriginRequestPolicy } from "aws-cdk-lib/aws-cloudfront";
import { Alarm, Metric } from "aws-cdk-lib/aws-cloudwatch";
import { AwsSolutionsChecks } from "cdk-nag";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GROUP_ROLE } from "../../functions/lib/auth.ts";
import { Alerts, alarmEmails } from "../../infra/alerts.ts";
import { API_5XX_ALARM } from "../../infra/api.ts";
import { entryExists, functionNames } from "../../infra/bundling.ts";
import { READ_ACTIONS, SCAN_ACTION, WRITE_ACTIONS } from "../../infra/function.ts";
import { PHOTO_ROUTE_ACCESS } from "../../infra/photos.ts";
import {
  DEFAULT_JOB_ALARM,
  JOB_ALARMS,
  JOB_NEEDS,
  SMS_SENDERS,
  TEXTS_FAILED_METRIC,
} from "../../infra/schedule.ts";
import { INDEX_REWRITE } from "../../infra/site.ts";
import {
  buildApp,
  checkStage,
  JOIN_ROUTE,
  PAGE_READ_ROUTES,
  STAGES,
  type WangtaoStack,
} from "../../infra/stack.ts";
import { ITERATOR_AGE_ALARM_MS, PROJECTOR_ACTIONS } from "../../infra/stream.ts";
import { leadingKeysOf } from "../../infra/table-rights.ts";
import { JOBS } from "../../shared/jobs.ts";
import { ROUTES, type Route, routeKey } from "../../shared/routes.ts";
import { STREAM, STREAM_CONSUMERS, STREAM_FILTER_PATTERNS } from "../../shared/stream.ts";
import { TABLE } from "../../shared/table.ts";
import { policyResources } from "../support/iam.ts";

type Resource = { Type: string; Properties?: any; DeletionPolicy?: string; UpdateReplacePolicy?: string };

const outdirs: string[] = [];
function synth(context: Record<string, unknown>) {
  const outdir = mkdtempSync(join(tmpdir(), "wangtao-cdk-"));
  outdirs.push(outdir);
  const app = new CdkApp({ outdir, context });
  const stack = buildApp(app);
  const template = Template.fromStack(stack);
  return { app, stack, template, json: template.toJSON() as { Resources: Record<string, Resource> } };
}

let prod: ReturnType<typeof synth>;
let synthMs = 0;
const routes = ROUTES as readonly Route[];
const deployable = routes.filter((r) => entryExists(r.handler));
const projectors = STREAM_CONSUMERS.filter((c) => entryExists(c.handler));
/** Every function of ours the stack deploys: routes, jobs, the Cognito trigger and the stream projectors. */
const ourFunctions = [...new Set([...functionNames(), ...STREAM_CONSUMERS.map((c) => c.handler)])].filter(
  entryExists,
);

beforeAll(() => {
  const t0 = performance.now();
  prod = synth({ stage: "prod" });
  synthMs = performance.now() - t0;
  console.info(
    `prod stack synthesized with ${ourFunctions.length} bundled functions in ${(synthMs / 1000).toFixed(1)} s`,
  );
}, 170_000);
afterAll(() => {
  for (const d of outdirs) rmSync(d, { recursive: true, force: true });
});

const of = (type: string) =>
  (type === "AWS::IAM::Policy"
    ? policyResources(prod.json.Resources)
    : Object.entries(prod.json.Resources).filter(([, r]) => r.Type === type)) as [string, Resource][];
/** The one resource of a type (fails unless there is exactly one). */
function one(type: string): [string, Resource] {
  const found = of(type);
  expect(found, type).toHaveLength(1);
  return found[0] as [string, Resource];
}
const ref = (v: any): string | undefined => v?.Ref ?? v?.["Fn::GetAtt"]?.[0];
const tableId = () => one("AWS::DynamoDB::Table")[0];

/** The IAM statements of a function's role. */
function statementsOf(fnId: string): any[] {
  const fn = prod.json.Resources[fnId] as Resource;
  const roleId = ref(fn.Properties.Role) as string;
  return of("AWS::IAM::Policy")
    .filter(([, p]) => p.Properties.Roles.some((r: any) => ref(r) === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
}
const actionsOf = (statements: any[]): string[] => statements.flatMap((s: any) => [s.Action].flat());
/** The one function of ours whose description contains `text`. */
function fnWith(text: string): [string, Resource] {
  const found = of("AWS::Lambda::Function").filter(([, f]) =>
    String(f.Properties.Description).includes(text),
  );
  expect(found, text).toHaveLength(1);
  return found[0] as [string, Resource];
}

/** Route key → the IAM actions its function's role may perform, following Route → Integration → Function → Role → Policies. */
function actionsByRoute(): Map<string, { actions: string[]; resources: unknown[]; fn: Resource }> {
  const resources = prod.json.Resources;
  const policies = of("AWS::IAM::Policy");
  const out = new Map<string, { actions: string[]; resources: unknown[]; fn: Resource }>();
  for (const [, route] of of("AWS::ApiGatewayV2::Route")) {
    const target = route.Properties.Target["Fn::Join"][1][1];
    const integration = resources[ref(target) as string] as Resource;
    const fnId = ref(integration.Properties.IntegrationUri) as string;
    const fn = resources[fnId] as Resource;
    const roleId = ref(fn.Properties.Role) as string;
    const statements = policies
      .filter(([, p]) => p.Properties.Roles.some((r: any) => ref(r) === roleId))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
    out.set(route.Properties.RouteKey, {
      fn,
      actions: statements.flatMap((s: any) => [s.Action].flat()),
      resources: statements.flatMap((s: any) => [s.Resource].flat()),
    });
  }
  return out;
}

describe("API from the route table", () => {
  it("deploys every route whose handler exists, under its METHOD /api/... key, and nothing else", () => {
    const keys = of("AWS::ApiGatewayV2::Route").map(([, r]) => r.Properties.RouteKey as string);
    expect(keys.sort()).toEqual(deployable.map(routeKey).sort());
    expect(keys.every((k) => / \/api\//.test(k))).toBe(true);
    expect(keys.filter((k) => k.includes("/api/dev/"))).toEqual([]);
  });

  it("refuses to synthesize an API with holes: a listed handler that does not exist is an error", () => {
    const errors = prod.stack.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === "aws:cdk:error").map((m) => String(m.data)));
    const missing = routes.filter((r) => !entryExists(r.handler));
    expect(errors.filter((e) => e.includes(" does not exist"))).toHaveLength(
      missing.length +
        JOBS.filter((j) => !entryExists(j.handler)).length +
        STREAM_CONSUMERS.filter((c) => !entryExists(c.handler)).length,
    );
    for (const r of missing) expect(errors.some((e) => e.includes(`functions/${r.handler}.ts`))).toBe(true);
  });

  it("puts the Cognito JWT authorizer (audience: the storefront client) on every non-public route and none on public ones", () => {
    const [authorizerId, authorizer] = one("AWS::ApiGatewayV2::Authorizer");
    expect(authorizer.Properties.AuthorizerType).toBe("JWT");
    expect(authorizer.Properties.IdentitySource).toEqual(["$request.header.Authorization"]);
    const [clientId] = one("AWS::Cognito::UserPoolClient");
    expect(authorizer.Properties.JwtConfiguration.Audience).toEqual([{ Ref: clientId }]);
    expect(JSON.stringify(authorizer.Properties.JwtConfiguration.Issuer)).toContain("cognito-idp.");
    const byKey = new Map(
      of("AWS::ApiGatewayV2::Route").map(([, r]) => [r.Properties.RouteKey, r.Properties]),
    );
    for (const route of deployable) {
      const p = byKey.get(routeKey(route));
      if (route.access === "public") {
        expect(p.AuthorizationType, routeKey(route)).toBe("NONE");
        expect(p.AuthorizerId, routeKey(route)).toBeUndefined();
      } else {
        expect(p.AuthorizationType, routeKey(route)).toBe("JWT");
        expect(p.AuthorizerId, routeKey(route)).toEqual({ Ref: authorizerId });
      }
    }
  });

  it("gives GET functions read-only table rights and other methods read and write, on the table and its indexes", () => {
    const byRoute = actionsByRoute();
    expect(byRoute.size).toBe(deployable.length);
    for (const route of deployable) {
      // A function whose code reaches no table item has no table right at all (table-rights.ts).
      if (leadingKeysOf(route.handler).length === 0) continue;
      const { actions, resources } = byRoute.get(routeKey(route)) as {
        actions: string[];
        resources: unknown[];
      };
      const dynamo = actions.filter((a) => a.startsWith("dynamodb:")).sort();
      if (route.method === "GET") {
        expect(dynamo, routeKey(route)).toEqual([...READ_ACTIONS].sort());
        expect(actions.filter((a) => (WRITE_ACTIONS as readonly string[]).includes(a))).toEqual([]);
      } else expect(dynamo, routeKey(route)).toEqual([...READ_ACTIONS, ...WRITE_ACTIONS].sort());
      // Trust and safety (issue 19.6): the erasure function also deletes the Cognito user.
      const beyond = route.handler === "me/erase" ? ["cognito-idp:AdminDeleteUser"] : [];
      // Photos: the photo routes' own object rights on the photos bucket (asserted in "photos" below).
      const photoRights = PHOTO_ROUTE_ACCESS[route.handler]
        ? [
            ...(PHOTO_ROUTE_ACCESS[route.handler]?.upload ? ["s3:PutObject"] : []),
            ...(PHOTO_ROUTE_ACCESS[route.handler]?.remove ? ["s3:DeleteObject"] : []),
          ]
        : [];
      expect(actions.filter((a) => !a.startsWith("dynamodb:")).sort()).toEqual(
        ["logs:CreateLogStream", "logs:PutLogEvents", ...beyond, ...photoRights].sort(),
      );
      const text = JSON.stringify(resources);
      for (const index of TABLE.indexes) expect(text).toContain(`/index/${index.name}"`);
      expect(resources).not.toContain("*");
    }
  });

  it("grants no wildcard DynamoDB action anywhere", () => {
    const all = of("AWS::IAM::Policy").flatMap(([, p]) =>
      p.Properties.PolicyDocument.Statement.flatMap((s: any) => [s.Action].flat()),
    );
    expect(all.filter((a: string) => a === "*" || a === "dynamodb:*")).toEqual([]);
    expect(all).toContain("dynamodb:Query");
  });

  it("throttles the stage and writes access logs", () => {
    const [, stage] = one("AWS::ApiGatewayV2::Stage");
    expect(stage.Properties.StageName).toBe("$default");
    expect(stage.Properties.DefaultRouteSettings).toEqual({
      ThrottlingBurstLimit: STAGES.prod.throttle.burstLimit,
      ThrottlingRateLimit: STAGES.prod.throttle.rateLimit,
    });
    expect(STAGES.prod.throttle).toEqual({ rateLimit: 100, burstLimit: 200 });
    expect(stage.Properties.AccessLogSettings.DestinationArn).toBeDefined();
    expect(JSON.parse(stage.Properties.AccessLogSettings.Format).routeKey).toBe("$context.routeKey");
  });
});

describe("page loads under a rush", () => {
  it("every public read has the stage's page-read throttling, above the default; nothing else has its own", () => {
    const [, stage] = one("AWS::ApiGatewayV2::Stage");
    const reads = STAGES.prod.pageReads;
    expect(PAGE_READ_ROUTES).toContain("GET /api/listings/{id}");
    expect(PAGE_READ_ROUTES).toContain("GET /api/listings");
    expect(PAGE_READ_ROUTES).not.toContain("GET /api/me/bookings");
    expect(Object.keys(stage.Properties.RouteSettings).sort()).toEqual(
      [...PAGE_READ_ROUTES, JOIN_ROUTE].sort(),
    );
    for (const key of PAGE_READ_ROUTES)
      expect(stage.Properties.RouteSettings[key], key).toEqual({
        ThrottlingRateLimit: reads.rateLimit,
        ThrottlingBurstLimit: reads.burstLimit,
      });
    expect(reads.rateLimit).toBeGreaterThan(STAGES.prod.throttle.rateLimit);
  });
});

describe("the join under a rush", () => {
  const join = routes.find((r) => r.handler === "bookings/create") as Route;

  it("is POST /api/listings/{id}/bookings", () => {
    expect(JOIN_ROUTE).toBe("POST /api/listings/{id}/bookings");
    expect(routeKey(join)).toBe(JOIN_ROUTE);
  });

  it("has its own throttling in the stage's route settings, above every other route's, once the route exists", () => {
    const [, stage] = one("AWS::ApiGatewayV2::Stage");
    const limits = STAGES.prod.join;
    expect(stage.Properties.RouteSettings[JOIN_ROUTE]).toEqual({
      ThrottlingRateLimit: limits.rateLimit,
      ThrottlingBurstLimit: limits.burstLimit,
    });
    expect(limits.burstLimit).toBeGreaterThan(STAGES.prod.throttle.burstLimit);
    expect(limits.rateLimit).toBeGreaterThan(STAGES.prod.throttle.rateLimit);
    // A stage naming a route that does not exist yet fails to deploy.
    const route = of("AWS::ApiGatewayV2::Route").find(([, r]) => r.Properties.RouteKey === JOIN_ROUTE);
    expect((stage as any).DependsOn).toContain(route?.[0]);
  });

  it("reserves concurrency for the join function and for no other function", () => {
    const reserved = of("AWS::Lambda::Function").filter(
      ([, f]) => f.Properties.ReservedConcurrentExecutions !== undefined,
    );
    expect(reserved.map(([, f]) => f.Properties.Description)).toEqual([`${JOIN_ROUTE}: ${join.summary}`]);
    expect(reserved[0]?.[1].Properties.ReservedConcurrentExecutions).toBe(
      STAGES.prod.join.reservedConcurrency,
    );
  });

  it("admits no more joins at once than the join function may run: a Lambda throttle would reach the resident as a 500", () => {
    const prodJoin = STAGES.prod.join;
    expect(prodJoin.reservedConcurrency).toBeDefined();
    expect(prodJoin.burstLimit).toBeLessThanOrEqual(prodJoin.reservedConcurrency as number);
    // The default account quota is 1,000, and a reservation must leave 100 unreserved.
    expect(prodJoin.reservedConcurrency).toBeLessThanOrEqual(900);
    expect(() => checkStage(STAGES.prod)).not.toThrow();
    expect(() => checkStage(STAGES.dev)).not.toThrow();
    expect(() =>
      checkStage({ ...STAGES.prod, join: { rateLimit: 200, burstLimit: 400, reservedConcurrency: 50 } }),
    ).toThrow(/500/);
  });
});

describe("functions", () => {
  it("runs every function of ours on nodejs24.x, arm64, ESM bundles, with the Powertools environment", () => {
    const ours = of("AWS::Lambda::Function").filter(
      ([, f]) => f.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME,
    );
    expect(ours).toHaveLength(ourFunctions.length);
    for (const [id, f] of ours) {
      expect(f.Properties.Runtime, id).toBe("nodejs24.x");
      expect(f.Properties.Architectures, id).toEqual(["arm64"]);
      expect(f.Properties.Handler, id).toBe("index.handler");
      expect(f.Properties.Environment.Variables.POWERTOOLS_LOG_LEVEL).toBe("INFO");
      expect(f.Properties.Environment.Variables.DYNAMODB_ENDPOINT).toBeUndefined();
      expect(f.Properties.LoggingConfig.LogGroup).toBeDefined();
    }
    const withTable = ours.filter(([, f]) => f.Properties.Environment.Variables.TABLE_NAME);
    expect(withTable).toHaveLength(ours.length - 2); // all but two Cognito triggers (post-confirmation, pre-token)
    // The only other function is aws-cdk-lib's BucketDeployment provider.
    const others = of("AWS::Lambda::Function").filter(
      ([, f]) => !f.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME,
    );
    expect(others.map(([id]) => id.replace(/[0-9A-F]{8,}$/, "")).sort()).toEqual([
      // and (trust and safety) the AwsCustomResource provider setting the SMS allow-list as the account default
      expect.stringMatching(/^AWS679f53fac002430cb0da5b7982bd/),
      // Photos: aws-cdk-lib's provider that sets the photos bucket's notification.
      expect.stringMatching(/^BucketNotificationsHandler/),
      expect.stringMatching(/^CustomCDKBucketDeployment/),
    ]);
  });

  it("logs every function to a log group with a retention (the routes share one, each job its own)", () => {
    const groups = of("AWS::Logs::LogGroup");
    for (const [, g] of groups) {
      expect(g.Properties.RetentionInDays).toBe(180);
      expect(g.DeletionPolicy).toBe("Retain");
    }
    const ids = new Set(groups.map(([id]) => id));
    const logging = of("AWS::Lambda::Function").filter(([, f]) => f.Properties.LoggingConfig);
    expect(logging.length).toBeGreaterThanOrEqual(ourFunctions.length);
    for (const [id, fn] of logging)
      expect(ids.has(ref(fn.Properties.LoggingConfig.LogGroup) ?? ""), id).toBe(true);
    // The stack's 500-resource limit: a log group per route would be 1 each.
    expect(prod.json.Resources && Object.keys(prod.json.Resources).length).toBeLessThanOrEqual(500);
  });
});

describe("data", () => {
  it("builds the one table from shared/table.ts: keys, GSIs, TTL, on-demand, PITR, deletion protection, retained, encrypted", () => {
    const [, table] = one("AWS::DynamoDB::Table");
    const p = table.Properties;
    expect(p.KeySchema).toEqual([
      { AttributeName: TABLE.partitionKey, KeyType: "HASH" },
      { AttributeName: TABLE.sortKey, KeyType: "RANGE" },
    ]);
    expect(p.BillingMode).toBe("PAY_PER_REQUEST");
    expect(p.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(p.DeletionProtectionEnabled).toBe(true);
    expect(p.SSESpecification).toEqual({ SSEEnabled: true });
    expect(p.TimeToLiveSpecification).toEqual({ AttributeName: TABLE.ttlAttribute, Enabled: true });
    expect(table.DeletionPolicy).toBe("Retain");
    expect(table.UpdateReplacePolicy).toBe("Retain");
    expect(
      p.GlobalSecondaryIndexes.map((g: any) => [
        g.IndexName,
        g.KeySchema.map((k: any) => k.AttributeName),
        g.Projection.ProjectionType,
      ]),
    ).toEqual(TABLE.indexes.map((i) => [i.name, [i.partitionKey, i.sortKey], "ALL"]));
    expect(p.AttributeDefinitions.every((a: any) => a.AttributeType === "S")).toBe(true);
  });

  it("streams new and old images, the view type shared/stream.ts projects from", () => {
    const [, table] = one("AWS::DynamoDB::Table");
    expect(table.Properties.StreamSpecification).toEqual({ StreamViewType: TABLE.stream });
    expect(TABLE.stream).toBe("NEW_AND_OLD_IMAGES");
    expect(STREAM.viewType).toBe(TABLE.stream);
  });
});

describe("stream projectors", () => {
  const mappingOf = (fnId: string) => {
    const found = of("AWS::Lambda::EventSourceMapping").filter(
      ([, m]) => ref(m.Properties.FunctionName) === fnId,
    );
    expect(found, fnId).toHaveLength(1);
    return (found[0] as [string, Resource])[1].Properties;
  };
  const queueOf = (fnId: string) => ref(mappingOf(fnId).DestinationConfig.OnFailure.Destination) as string;

  it("has one event source mapping on the table's stream per projector of STREAM_CONSUMERS, and no other", () => {
    expect(projectors.map((c) => c.handler)).toEqual(STREAM_CONSUMERS.map((c) => c.handler));
    const mappings = of("AWS::Lambda::EventSourceMapping");
    expect(mappings).toHaveLength(projectors.length);
    for (const [, m] of mappings)
      expect(m.Properties.EventSourceArn).toEqual({ "Fn::GetAtt": [tableId(), "StreamArn"] });
  });

  it("batches, retries and bisects as STREAM_CONSUMERS says, with partial batch responses, from the trim horizon", () => {
    for (const consumer of projectors) {
      const [fnId, fn] = fnWith(consumer.summary);
      expect(fn.Properties.Runtime).toBe("nodejs24.x");
      expect(fn.Properties.Environment.Variables.TABLE_NAME).toEqual({ Ref: tableId() });
      const m = mappingOf(fnId);
      expect(m.StartingPosition).toBe("TRIM_HORIZON");
      expect(m.BatchSize).toBe(consumer.batchSize);
      expect(m.MaximumBatchingWindowInSeconds).toBe(consumer.maxBatchingWindowSeconds);
      expect(m.MaximumRetryAttempts).toBe(consumer.retryAttempts);
      expect(m.FunctionResponseTypes).toEqual(["ReportBatchItemFailures"]);
      expect(m.BisectBatchOnFunctionError).toBe(true);
      expect(m.Enabled ?? true).toBe(true);
      // The local poller gives a batch 30 s too (infra/local/stream.ts).
      expect(fn.Properties.Timeout).toBe(30);
    }
  });

  it("lets only the record types STREAM_FILTER_PATTERNS names reach the projector", () => {
    for (const consumer of projectors) {
      const m = mappingOf(fnWith(consumer.summary)[0]);
      const patterns = m.FilterCriteria.Filters.map((f: any) => JSON.parse(f.Pattern));
      expect(patterns).toEqual(STREAM_FILTER_PATTERNS);
      expect(JSON.stringify(patterns)).toContain('"S":["booking","review","need","listing"]');
    }
  });

  it("sends a batch whose retries are spent to an encrypted, TLS-only SQS queue kept 14 days", () => {
    for (const consumer of projectors) {
      const queueId = queueOf(fnWith(consumer.summary)[0]);
      const queue = prod.json.Resources[queueId] as Resource;
      expect(queue.Type).toBe("AWS::SQS::Queue");
      expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
      expect(queue.Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
      expect(queue.DeletionPolicy).toBe("Retain");
      const policy = of("AWS::SQS::QueuePolicy").find(([, p]) =>
        p.Properties.Queues.some((q: any) => ref(q) === queueId),
      );
      expect(JSON.stringify(policy?.[1].Properties.PolicyDocument)).toContain(
        '"aws:SecureTransport":"false"',
      );
    }
  });

  it("alarms on any failed batch in the queue, on iterator age over a minute, and on the projector's errors", () => {
    const alarms = of("AWS::CloudWatch::Alarm").map(([, a]) => a.Properties);
    for (const consumer of projectors) {
      const [fnId] = fnWith(consumer.summary);
      const queueId = queueOf(fnId);
      const on = (metric: string, dimension: string) => {
        const found = alarms.filter(
          (a) => a.MetricName === metric && a.Dimensions.some((d: any) => ref(d.Value) === dimension),
        );
        expect(found, metric).toHaveLength(1);
        expect(String(found[0].AlarmDescription)).toContain(consumer.handler);
        return found[0];
      };
      expect(on("ApproximateNumberOfMessagesVisible", queueId)).toMatchObject({
        Namespace: "AWS/SQS",
        Threshold: 0,
        ComparisonOperator: "GreaterThanThreshold",
        Statistic: "Maximum",
      });
      expect(on("IteratorAge", fnId)).toMatchObject({
        Namespace: "AWS/Lambda",
        Threshold: ITERATOR_AGE_ALARM_MS,
        ComparisonOperator: "GreaterThanThreshold",
        Statistic: "Maximum",
      });
      expect(ITERATOR_AGE_ALARM_MS).toBe(60_000);
      expect(on("Errors", fnId)).toMatchObject({
        Namespace: "AWS/Lambda",
        Threshold: 0,
        ComparisonOperator: "GreaterThanThreshold",
        Statistic: "Sum",
      });
    }
    const mine = new Set(projectors.flatMap((c) => [fnWith(c.summary)[0], queueOf(fnWith(c.summary)[0])]));
    expect(
      alarms.filter((a) => (a.Dimensions ?? []).some((d: any) => mine.has(ref(d.Value) as string))),
    ).toHaveLength(3 * projectors.length);
  });

  it("may read the stream, send to its queue, and read and write table items: nothing else, no Scan, no DeleteItem, no wildcard", () => {
    for (const consumer of projectors) {
      const [fnId] = fnWith(consumer.summary);
      const statements = statementsOf(fnId);
      const actions = actionsOf(statements);
      const streamRead = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"];
      expect(actions.filter((a) => a.startsWith("dynamodb:")).sort()).toEqual(
        [...PROJECTOR_ACTIONS, ...streamRead, "dynamodb:ListStreams"].sort(),
      );
      expect(actions.filter((a) => !a.startsWith("dynamodb:")).sort()).toEqual([
        "logs:CreateLogStream",
        "logs:PutLogEvents",
        "sqs:GetQueueAttributes",
        "sqs:GetQueueUrl",
        "sqs:SendMessage",
      ]);
      for (const forbidden of [
        "dynamodb:*",
        "*",
        SCAN_ACTION,
        "dynamodb:DeleteItem",
        "dynamodb:ConditionCheckItem",
      ])
        expect(actions, forbidden).not.toContain(forbidden);
      const resourceOf = (action: string) =>
        statements.filter((s) => [s.Action].flat().includes(action)).map((s) => s.Resource);
      for (const a of streamRead)
        expect(resourceOf(a), a).toEqual([{ "Fn::GetAtt": [tableId(), "StreamArn"] }]);
      expect(resourceOf("dynamodb:ListStreams")).toEqual(["*"]); // it has no resource type
      expect(resourceOf("sqs:SendMessage")).toEqual([{ "Fn::GetAtt": [queueOf(fnId), "Arn"] }]);
      const items = JSON.stringify(resourceOf("dynamodb:UpdateItem"));
      expect(items).toContain(`{"Fn::GetAtt":["${tableId()}","Arn"]}`);
      expect(items).not.toContain("StreamArn");
    }
  });
});

describe("auth", () => {
  it("has a user pool with phone and email sign-in, name required, custom community and branch, retained", () => {
    const [, pool] = one("AWS::Cognito::UserPool");
    expect(pool.Properties.AliasAttributes ?? pool.Properties.UsernameAttributes).toEqual(
      expect.arrayContaining(["phone_number", "email"]),
    );
    const schema = pool.Properties.Schema.map((a: any) => a.Name);
    expect(schema).toEqual(expect.arrayContaining(["name", "community", "branch"]));
    expect(pool.Properties.Schema.find((a: any) => a.Name === "name").Required).toBe(true);
    expect(pool.Properties.DeletionProtection).toBe("ACTIVE");
    expect(pool.DeletionPolicy).toBe("Retain");
    const [[triggerId] = []] = of("AWS::Lambda::Function").filter(([, f]) =>
      String(f.Properties.Description).includes("post-confirmation"),
    );
    expect(pool.Properties.LambdaConfig.PostConfirmation).toEqual({ "Fn::GetAtt": [triggerId, "Arn"] });
  });

  it("creates exactly the groups functions/lib/auth.ts maps to roles", () => {
    const names = of("AWS::Cognito::UserPoolGroup").map(([, g]) => g.Properties.GroupName);
    expect(names.sort()).toEqual(Object.keys(GROUP_ROLE).sort());
  });

  it("lets the sign-up trigger add users to groups of this pool only", () => {
    const statements = of("AWS::IAM::Policy").flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
    const add = statements.filter((s: any) => [s.Action].flat().includes("cognito-idp:AdminAddUserToGroup"));
    expect(add).toHaveLength(1);
    const [poolId] = one("AWS::Cognito::UserPool");
    expect(add[0].Resource).toEqual({ "Fn::GetAtt": [poolId, "Arn"] });
  });

  it("has a public storefront client (code + PKCE, no secret) whose callback is the site's /login/, and a hosted UI domain", () => {
    const [, client] = one("AWS::Cognito::UserPoolClient");
    const [cdnId] = one("AWS::CloudFront::Distribution");
    expect(client.Properties.GenerateSecret).toBe(false);
    expect(client.Properties.AllowedOAuthFlows).toEqual(["code"]);
    expect(client.Properties.AllowedOAuthScopes).toEqual(
      expect.arrayContaining(["openid", "profile", "phone"]),
    );
    expect(client.Properties.CallbackURLs).toEqual([
      { "Fn::Join": ["", ["https://", { "Fn::GetAtt": [cdnId, "DomainName"] }, "/login/"]] },
    ]);
    expect(JSON.stringify(client.Properties.WriteAttributes)).not.toContain("custom:branch");
    expect(of("AWS::Cognito::UserPoolDomain")).toHaveLength(1);
  });
});

describe("site", () => {
  it("keeps the storefront bucket private, TLS-only and encrypted", () => {
    const buckets = of("AWS::S3::Bucket");
    expect(buckets.length).toBe(3); // storefront + access logs + photos
    for (const [id, b] of buckets) {
      expect(b.Properties.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(b.Properties.BucketEncryption, id).toBeDefined();
      expect(b.DeletionPolicy, id).toBe("Retain");
    }
    const policies = of("AWS::S3::BucketPolicy").map(([, p]) => JSON.stringify(p.Properties.PolicyDocument));
    expect(policies.every((p) => p.includes('"aws:SecureTransport":"false"'))).toBe(true);
    const oac = policies.filter((p) => p.includes("cloudfront.amazonaws.com"));
    expect(oac).toHaveLength(2); // the storefront's and the photos' buckets
    expect(of("AWS::CloudFront::OriginAccessControl")).toHaveLength(2);
  });

  it("routes /api/* to the HTTP API: all methods, caching disabled, viewer headers (Authorization included) and query strings forwarded", () => {
    const [, cdn] = one("AWS::CloudFront::Distribution");
    const config = cdn.Properties.DistributionConfig;
    const api = config.CacheBehaviors.find((b: any) => b.PathPattern === "/api/*");
    expect(api.CachePolicyId).toBe(CachePolicy.CACHING_DISABLED.cachePolicyId);
    expect(api.OriginRequestPolicyId).toBe(
      OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
    );
    expect(api.AllowedMethods.sort()).toEqual(["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]);
    const origin = config.Origins.find((o: any) => o.Id === api.TargetOriginId);
    const [apiId] = one("AWS::ApiGatewayV2::Api");
    expect(JSON.stringify(origin.DomainName)).toContain(`{"Ref":"${apiId}"}`);
    expect(JSON.stringify(origin.DomainName)).toContain(".execute-api.");
    expect(origin.CustomOriginConfig.OriginProtocolPolicy).toBe("https-only");
    expect(config.DefaultCacheBehavior.FunctionAssociations).toHaveLength(1);
    expect(config.CustomErrorResponses).toBeUndefined(); // they would rewrite the API's 403/404 too
  });

  it("sends security headers: CSP (self + the Cognito domain), HSTS, DENY framing, nosniff, referrer policy", () => {
    const [, policy] = of("AWS::CloudFront::ResponseHeadersPolicy").find(([, p]) =>
      JSON.stringify(p).includes("ContentSecurityPolicy"),
    ) as [string, Resource];
    const headers = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const csp = JSON.stringify(headers.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/connect-src 'self' https:\/\/",?\{"Ref":"AuthUsersHostedUi/);
    expect(csp).toContain(".auth.");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(headers.StrictTransportSecurity.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(31536000);
    expect(headers.FrameOptions.FrameOption).toBe("DENY");
    expect(headers.ContentTypeOptions.Override).toBe(true);
    expect(headers.ReferrerPolicy.ReferrerPolicy).toBe("strict-origin-when-cross-origin");
  });

  it("rewrites directory paths to index.html for the S3 origin", () => {
    const rewrite = (uri: string) =>
      runInNewContext(`${INDEX_REWRITE}; handler({ request: { uri: ${JSON.stringify(uri)} } }).uri`);
    expect(rewrite("/")).toBe("/index.html");
    expect(rewrite("/listings/")).toBe("/listings/index.html");
    expect(rewrite("/listings")).toBe("/listings/index.html");
    expect(rewrite("/_astro/app.1a2b.css")).toBe("/_astro/app.1a2b.css");
    const [, fn] = one("AWS::CloudFront::Function");
    expect(fn.Properties.FunctionCode).toBe(INDEX_REWRITE);
  });

  it("publishes the storefront with a generated /config.json naming the hosted UI, the client and the site's /login/", () => {
    const deployments = of("Custom::CDKBucketDeployment").map(([, d]) => JSON.stringify(d.Properties));
    const [clientId] = one("AWS::Cognito::UserPoolClient");
    const [cdnId] = one("AWS::CloudFront::Distribution");
    const pages = deployments.find((d) => d.includes("SourceMarkers") && d.includes(clientId)) as string;
    expect(pages).toBeDefined();
    expect(pages).toContain(`{"Ref":"${clientId}"}`);
    expect(pages).toContain(`"Fn::GetAtt":["${cdnId}","DomainName"]`);
    expect(pages).toContain('"DistributionPaths":["/*"]');
  });
});

describe("schedule", () => {
  it("runs every job of JOBS on its EventBridge schedule", () => {
    const rules = of("AWS::Events::Rule");
    const fns = prod.json.Resources;
    for (const job of JOBS.filter((j) => entryExists(j.handler))) {
      // Several jobs may share a schedule: the job's own rule is the one whose target is its function.
      const fnOf = ([, r]: [string, Resource]) => fns[ref(r.Properties.Targets[0].Arn) as string] as Resource;
      const rule = rules.find(
        (r) =>
          r[1].Properties.ScheduleExpression === job.schedule &&
          String(fnOf(r).Properties.Description).includes(job.summary),
      );
      expect(rule, job.handler).toBeDefined();
      const fn = fnOf(rule as [string, Resource]);
      expect(fn.Properties.Runtime).toBe("nodejs24.x");
    }
    expect(rules).toHaveLength(JOBS.filter((j) => entryExists(j.handler)).length);
  });

  const reconcile = JOBS.find((j) => j.handler === "jobs/reconcile") as (typeof JOBS)[number];

  it("runs the reconcile job daily, with 15 minutes and 2 GB to scan and recount", () => {
    expect(reconcile.schedule).toMatch(/^cron\(\d+ \d+ \* \* \? \*\)$/);
    // Its absence is a synth error (see "refuses to synthesize an API with holes").
    if (!entryExists(reconcile.handler)) return;
    const [fnId, fn] = fnWith(reconcile.summary);
    const rule = of("AWS::Events::Rule").find(([, r]) => ref(r.Properties.Targets[0].Arn) === fnId);
    expect(rule?.[1].Properties.ScheduleExpression).toBe(reconcile.schedule);
    expect(fn.Properties.Timeout).toBe(15 * 60);
    expect(fn.Properties.MemorySize).toBe(2048);
  });

  it("lets the reconcile job, and no other function, Scan the table (the table only, not its indexes)", () => {
    const scans = of("AWS::IAM::Policy").flatMap(([, p]) =>
      p.Properties.PolicyDocument.Statement.filter((s: any) => [s.Action].flat().includes(SCAN_ACTION)).map(
        (s: any) => ({ s, roles: p.Properties.Roles.map(ref) }),
      ),
    );
    expect(Object.keys(JOB_NEEDS)).toEqual([reconcile.handler]);
    if (!entryExists(reconcile.handler)) {
      expect(scans).toEqual([]);
      return;
    }
    expect(scans).toHaveLength(1);
    const [fnId, fn] = fnWith(reconcile.summary);
    expect(scans[0]?.roles).toEqual([ref(fn.Properties.Role)]);
    expect(scans[0]?.s.Action).toBe(SCAN_ACTION);
    expect(scans[0]?.s.Resource).toEqual({ "Fn::GetAtt": [tableId(), "Arn"] });
    // And read and write, as every job.
    expect(
      actionsOf(statementsOf(fnId))
        .filter((a) => a.startsWith("dynamodb:"))
        .sort(),
    ).toEqual([...READ_ACTIONS, ...WRITE_ACTIONS, SCAN_ACTION].sort());
  });
});

describe("alerts", () => {
  // The alarm topic and its key (the inbound-SMS topic of trust and safety has its own, infra/sms-guard.ts).
  const alarmsOnly = ([id]: [string, Resource]) => !id.startsWith("SmsGuard");
  const topicId = () => (of("AWS::SNS::Topic").filter(alarmsOnly)[0] as [string, Resource])[0];
  const keyId = () => (of("AWS::KMS::Key").filter(alarmsOnly)[0] as [string, Resource])[0];

  it("publishes to one SNS topic encrypted with a customer-managed, rotated KMS key, TLS only", () => {
    prod.template.hasResourceProperties("AWS::SNS::Topic", {
      KmsMasterKeyId: { "Fn::GetAtt": [keyId(), "Arn"] },
    });
    prod.template.hasResourceProperties("AWS::SNS::TopicPolicy", {
      Topics: [{ Ref: topicId() }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: "Deny",
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          }),
        ]),
      },
    });
    expect(of("AWS::KMS::Key").filter(alarmsOnly)).toHaveLength(1);
    expect(of("AWS::SNS::Topic").filter(alarmsOnly)).toHaveLength(1);
    const [, key] = of("AWS::KMS::Key").filter(alarmsOnly)[0] as [string, Resource];
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.DeletionPolicy).toBe("Retain");
  });

  it("lets CloudWatch (this account's alarms only) use the key, or an alarm on the encrypted topic reaches nobody", () => {
    prod.template.hasResourceProperties("AWS::KMS::Key", {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
            Condition: { StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } } },
          }),
        ]),
      },
    });
  });

  it("has every alarm of the stack notify the topic when it goes into ALARM and when it is OK again", () => {
    const alarms = of("AWS::CloudWatch::Alarm");
    expect(alarms.length).toBeGreaterThan(3 * projectors.length);
    for (const [id, alarm] of alarms) {
      expect(alarm.Properties.AlarmActions, id).toEqual([{ Ref: topicId() }]);
      expect(alarm.Properties.OKActions, id).toEqual([{ Ref: topicId() }]);
      expect(String(alarm.Properties.AlarmDescription ?? "").length, id).toBeGreaterThan(60);
    }
  });

  it("refuses to synthesize an alarm that does not go through Alerts", () => {
    const app = new CdkApp();
    const stack = new Stack(app, "Stray");
    const alerts = new Alerts(stack, "Alerts", { retain: false });
    const metric = new Metric({ namespace: "Test", metricName: "M", period: Duration.minutes(5) });
    alerts.alarm(stack, "Heard", { metric, threshold: 1, evaluationPeriods: 1 });
    new Alarm(stack, "Unheard", { metric, threshold: 1, evaluationPeriods: 1 });
    expect(() => app.synth()).toThrow(/Stray\/Unheard: an alarm that notifies nobody/);
  });

  it("subscribes e-mail addresses only from the alarmEmail context (none by default)", () => {
    expect(of("AWS::SNS::Subscription").filter(([, r]) => r.Properties.Protocol !== "lambda")).toEqual([]);
    expect(alarmEmails(undefined)).toEqual([]);
    expect(alarmEmails(" ops@example.org,duty@example.org ")).toEqual([
      "ops@example.org",
      "duty@example.org",
    ]);
    expect(() => alarmEmails("ops")).toThrow(/not an e-mail address/);
  });

  it("outputs the topic's ARN, for a phone or ChatOps subscription", () => {
    expect(prod.template.toJSON().Outputs.AlarmTopicArn.Value).toEqual({ Ref: topicId() });
  });

  it("alarms on the HTTP API's server errors: 10 or more 5xx in 2 of 3 five-minute periods", () => {
    const [apiId] = one("AWS::ApiGatewayV2::Api");
    prod.template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      Namespace: "AWS/ApiGateway",
      MetricName: "5xx",
      Dimensions: [{ Name: "ApiId", Value: { Ref: apiId } }],
      Statistic: "Sum",
      Period: 300,
      Threshold: API_5XX_ALARM.threshold,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      TreatMissingData: "notBreaching",
      AlarmActions: [{ Ref: topicId() }],
    });
    expect(API_5XX_ALARM.threshold).toBe(10);
  });

  it("alarms on each scheduled job's errors, sized to how often it runs", () => {
    const alarms = of("AWS::CloudWatch::Alarm").map(([, a]) => a.Properties);
    const jobs = JOBS.filter((j) => entryExists(j.handler));
    expect(jobs.map((j) => j.handler)).toContain("jobs/texts");
    for (const job of jobs) {
      const [fnId] = fnWith(job.summary);
      const a = JOB_ALARMS[job.handler] ?? DEFAULT_JOB_ALARM;
      const found = alarms.filter(
        (x) => x.MetricName === "Errors" && x.Dimensions.some((d: any) => ref(d.Value) === fnId),
      );
      expect(found, job.handler).toHaveLength(1);
      expect(found[0], job.handler).toMatchObject({
        Namespace: "AWS/Lambda",
        Statistic: "Sum",
        Period: a.minutes * 60,
        Threshold: 1,
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
        EvaluationPeriods: a.periods,
        DatapointsToAlarm: a.datapoints,
        TreatMissingData: "notBreaching",
      });
      expect(String(found[0].AlarmDescription)).toContain(job.handler);
    }
    // Daily jobs alarm on any failure: their next chance is tomorrow.
    expect(JOB_ALARMS["jobs/reconcile"]).toEqual({ minutes: 60, periods: 1, datapoints: 1 });
    expect(JOB_ALARMS["jobs/texts"]?.minutes).toBe(5);
  });

  it("alarms at once on a text the SMS provider refused (the texts job marks it failed and does not throw)", () => {
    for (const handler of SMS_SENDERS.filter(entryExists)) {
      const job = JOBS.find((j) => j.handler === handler) as (typeof JOBS)[number];
      const [fnId, fn] = fnWith(job.summary);
      const logGroupId = ref(fn.Properties.LoggingConfig.LogGroup) as string;
      expect(prod.json.Resources[logGroupId]?.Type).toBe("AWS::Logs::LogGroup");
      expect(fnId).toBeDefined();
      const [, filter] = of("AWS::Logs::MetricFilter").find(
        ([, f]) => f.Properties.LogGroupName.Ref === logGroupId,
      ) as [string, Resource];
      expect(filter.Properties.FilterPattern).toContain('$.message = "texts sent"');
      expect(filter.Properties.FilterPattern).toContain("$.failed > 0");
      const transform = filter.Properties.MetricTransformations[0];
      expect(transform).toMatchObject({ MetricName: TEXTS_FAILED_METRIC, MetricValue: "$.failed" });
      prod.template.hasResourceProperties("AWS::CloudWatch::Alarm", {
        Namespace: transform.MetricNamespace,
        MetricName: TEXTS_FAILED_METRIC,
        Period: 300,
        Threshold: 1,
        EvaluationPeriods: 1,
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
        AlarmActions: [{ Ref: topicId() }],
        OKActions: [{ Ref: topicId() }],
      });
    }
  });
});

describe("stack", () => {
  it("outputs the site URL, API URL, user pool id and client id", () => {
    const outputs = Object.keys(prod.template.toJSON().Outputs);
    expect(outputs).toEqual(expect.arrayContaining(["SiteUrl", "ApiUrl", "UserPoolId", "UserPoolClientId"]));
  });

  it("passes cdk-nag's AwsSolutions pack with no unacknowledged finding, each acknowledgment with a reason", () => {
    const report = new AwsSolutionsChecks().validateScope(prod.stack);
    expect(
      report.violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath)}`),
    ).toEqual([]);
    const acks = prod.stack.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === "aws:cdk:acknowledged-rules"))
      .flatMap((m) => Object.entries(m.data as Record<string, string>));
    expect(acks.length).toBeGreaterThan(5);
    for (const [id, reason] of acks) expect(reason.length, id).toBeGreaterThan(60);
  });

  it("writes a cloud assembly the installed CDK CLI reads (what `npx cdk deploy` runs)", () => {
    const cli = join(import.meta.dirname, "../../node_modules/.bin/cdk");
    const outdir = prod.app.outdir;
    const run = spawnSync(cli, ["ls", "--app", outdir, "--no-notices"], { encoding: "utf8", cwd: outdir });
    expect(run.stderr).not.toContain("not compatible");
    expect(run.stdout.trim().split("\n")).toEqual(["Wangtao-prod"]);
  }, 60_000);

  it("synthesizes within a bounded time with every function bundled by esbuild", () => {
    expect(synthMs).toBeLessThan(120_000);
  });
});

// ----- photos: listing photos and volunteers' faces -----
describe("photos", () => {
  const photosBucket = () => {
    const found = of("AWS::S3::Bucket").filter(([, b]) =>
      JSON.stringify(b.Properties.LifecycleConfiguration ?? {}).includes("uploads/"),
    );
    expect(found).toHaveLength(1);
    return found[0] as [string, Resource];
  };

  it("keeps the photos in a private, encrypted, TLS-only bucket whose unprocessed uploads expire after a day", () => {
    const [id, bucket] = photosBucket();
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(
      bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault,
    ).toEqual({
      SSEAlgorithm: "AES256",
    });
    expect(bucket.Properties.OwnershipControls.Rules).toEqual([{ ObjectOwnership: "BucketOwnerEnforced" }]);
    expect(bucket.Properties.LoggingConfiguration.LogFilePrefix).toBe("photos-s3/");
    expect(bucket.DeletionPolicy).toBe("Retain");
    const rules = bucket.Properties.LifecycleConfiguration.Rules;
    expect(rules).toContainEqual(
      expect.objectContaining({ Prefix: "uploads/", ExpirationInDays: 1, Status: "Enabled" }),
    );
    // Nothing under photos/ expires.
    expect(rules.filter((r: any) => r.ExpirationInDays && r.Prefix !== "uploads/")).toEqual([]);
    const [, policy] = of("AWS::S3::BucketPolicy").find(([, p]) => ref(p.Properties.Bucket) === id) as [
      string,
      Resource,
    ];
    const statements = policy.Properties.PolicyDocument.Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: "Deny",
        Action: "s3:*",
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      }),
    );
    // The only reader is CloudFront (origin access control), and only under photos/.
    const allows = statements.filter((s: any) => s.Effect === "Allow" && s.Principal?.Service);
    expect(allows.map((s: any) => s.Principal.Service)).toEqual(["cloudfront.amazonaws.com"]);
    expect(JSON.stringify(allows)).not.toContain("uploads/");
  });

  it("serves /photos/* from that bucket through origin access control, cached for a year, immutable", () => {
    const [bucketId] = photosBucket();
    const [, cdn] = one("AWS::CloudFront::Distribution");
    const config = cdn.Properties.DistributionConfig;
    const photos = config.CacheBehaviors.find((b: any) => b.PathPattern === "/photos/*");
    expect(photos).toBeDefined();
    expect(photos.AllowedMethods).toEqual(["GET", "HEAD"]);
    expect(photos.ViewerProtocolPolicy).toBe("redirect-to-https");
    expect(photos.CachePolicyId).toBe(CachePolicy.CACHING_OPTIMIZED.cachePolicyId);
    const origin = config.Origins.find((o: any) => o.Id === photos.TargetOriginId);
    expect(JSON.stringify(origin.DomainName)).toContain(bucketId);
    expect(origin.OriginAccessControlId).toBeDefined();
    expect(origin.S3OriginConfig.OriginAccessIdentity).toBe("");
    const headers = prod.json.Resources[ref(photos.ResponseHeadersPolicyId) as string] as Resource;
    expect(headers.Properties.ResponseHeadersPolicyConfig.CustomHeadersConfig.Items).toEqual([
      { Header: "Cache-Control", Value: "public, max-age=31536000, immutable", Override: true },
    ]);
  });

  it("invokes the processing function on objects created under uploads/ only", () => {
    const [bucketId] = photosBucket();
    const [, notification] = one("Custom::S3BucketNotifications");
    expect(ref(notification.Properties.BucketName)).toBe(bucketId);
    const configs = notification.Properties.NotificationConfiguration.LambdaFunctionConfigurations;
    expect(configs).toHaveLength(1);
    expect(configs[0].Events).toEqual(["s3:ObjectCreated:*"]);
    expect(configs[0].Filter.Key.FilterRules).toEqual([{ Name: "prefix", Value: "uploads/" }]);
    const [processorId, processor] = fnWith("S3 uploads/");
    expect(ref(configs[0].LambdaFunctionArn)).toBe(processorId);
    expect(processor.Properties.Layers).toHaveLength(1);
    expect(processor.Properties.MemorySize).toBe(2048);
    expect(processor.Properties.Environment.Variables.PHOTOS_BUCKET).toEqual({ Ref: bucketId });
  });

  it("lets the processor read and delete uploads/ and write photos/; the API sign uploads and delete; nothing else on the bucket", () => {
    const [bucketId] = photosBucket();
    const s3Statements = of("AWS::IAM::Policy")
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as any[])
      .filter((st) => JSON.stringify(st.Resource).includes(bucketId));
    const onPrefix = (prefix: string) =>
      s3Statements
        .filter((st) => JSON.stringify(st.Resource).includes(`/${prefix}*`))
        .flatMap((st) => [st.Action].flat());
    expect(new Set(onPrefix("uploads/"))).toEqual(
      new Set(["s3:GetObject", "s3:DeleteObject", "s3:PutObject"]),
    );
    expect(new Set(onPrefix("photos/"))).toEqual(new Set(["s3:PutObject", "s3:DeleteObject"]));
    // No bucket-wide right and no wildcard action (the notifications provider's own policy aside).
    const ours = s3Statements.filter((st) => ![st.Action].flat().includes("s3:PutBucketNotification"));
    for (const st of ours) {
      expect(
        [st.Action].flat().some((a: string) => a.includes("*")),
        JSON.stringify(st),
      ).toBe(false);
      expect(JSON.stringify(st.Resource)).toMatch(/\/(uploads|photos)\/\*/);
    }
  });

  it("lets the pages POST uploads to the bucket's endpoint (CSP connect-src) and nowhere else new", () => {
    const [bucketId] = photosBucket();
    const [, policy] = of("AWS::CloudFront::ResponseHeadersPolicy").find(([, p]) =>
      JSON.stringify(p).includes("ContentSecurityPolicy"),
    ) as [string, Resource];
    const csp = JSON.stringify(policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig);
    expect(csp).toMatch(new RegExp(`connect-src 'self' https://[^;]*${bucketId}[^;]*RegionalDomainName`));
    expect(csp).toContain("img-src 'self' data:");
  });
});

describe("dev stage", () => {
  let dev: ReturnType<typeof synth>;
  beforeAll(() => {
    // Stage differences only; the bundles of the prod synth are reused.
    dev = synth({ stage: "dev", alarmEmail: "ops@example.org, duty@example.org" });
  }, 120_000);

  it("may be destroyed whole: no deletion protection, data and buckets deleted with the stack", () => {
    const res = Object.values(dev.json.Resources);
    const table = res.find((r) => r.Type === "AWS::DynamoDB::Table") as Resource;
    expect(table.Properties.DeletionProtectionEnabled).toBe(false);
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.DeletionPolicy).toBe("Delete");
    expect(res.filter((r) => r.Type === "AWS::S3::Bucket").every((b) => b.DeletionPolicy === "Delete")).toBe(
      true,
    );
    expect((dev.stack as WangtaoStack).terminationProtection).toBe(false);
    expect((prod.stack as WangtaoStack).terminationProtection).toBe(true);
  });

  it("throttles the join by dev's own limits and reserves no concurrency (a fresh account's quota may be 10)", () => {
    const res = Object.values(dev.json.Resources);
    const stage = res.find((r) => r.Type === "AWS::ApiGatewayV2::Stage") as Resource;
    expect(stage.Properties.RouteSettings[JOIN_ROUTE]).toEqual({
      ThrottlingRateLimit: STAGES.dev.join.rateLimit,
      ThrottlingBurstLimit: STAGES.dev.join.burstLimit,
    });
    expect(stage.Properties.RouteSettings["GET /api/listings/{id}"]).toEqual({
      ThrottlingRateLimit: STAGES.dev.pageReads.rateLimit,
      ThrottlingBurstLimit: STAGES.dev.pageReads.burstLimit,
    });
    expect(STAGES.dev.join.reservedConcurrency).toBeUndefined();
    expect(res.filter((r) => r.Properties?.ReservedConcurrentExecutions !== undefined)).toEqual([]);
  });

  it("subscribes the alarmEmail addresses to the alarm topic", () => {
    const subs = Object.values(dev.json.Resources).filter(
      (r) => r.Type === "AWS::SNS::Subscription" && r.Properties.Protocol !== "lambda",
    );
    expect(subs.map((r) => [r.Properties.Protocol, r.Properties.Endpoint])).toEqual([
      ["email", "ops@example.org"],
      ["email", "duty@example.org"],
    ]);
    const key = Object.values(dev.json.Resources).find((r) => r.Type === "AWS::KMS::Key") as Resource;
    expect(key.DeletionPolicy).toBe("Delete");
  });

  it("is cdk-nag clean too", () => {
    expect(new AwsSolutionsChecks().validateScope(dev.stack).violations.map((v) => v.ruleName)).toEqual([]);
  });
});
