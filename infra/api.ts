/**
 * API: the HTTP API, built from the route table (shared/routes.ts). One function
 * per route; GET routes get read-only table rights, every other method read and
 * write; `public` routes have no authorizer, every other one the Cognito JWT
 * authorizer (audience: the storefront's app client, whose ID token the
 * storefront sends). The stage throttles every route alike; a route given its own
 * limits (the join, for a rush) gets its own throttling in the stage's route
 * settings and its function a reserved concurrency. The local-only `/api/dev/*`
 * routes are not in ROUTES and so never deploy. A route whose handler file does
 * not exist yet is an error that stops `cdk synth` / `cdk deploy` (an API with
 * holes must not ship). An alarm on the API's server errors (5xx) notifies through
 * Alerts.
 */
import { Annotations, Duration, RemovalPolicy, Validations } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import {
  type CfnRoute,
  type CfnStage,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  type HttpStage,
  LogGroupLogDestination,
} from "aws-cdk-lib/aws-apigatewayv2";
import { HttpUserPoolAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { ComparisonOperator, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import type { IUserPool, IUserPoolClient } from "aws-cdk-lib/aws-cognito";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { LogGroup } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { ROUTES, type Route, routeKey } from "../shared/routes.ts";
import type { Alerts } from "./alerts.ts";
import { entryExists } from "./bundling.ts";
import { AppFunction, type FunctionDefaults, type TableAccess } from "./function.ts";

export interface ApiProps {
  readonly table: ITable;
  readonly userPool: IUserPool;
  readonly client: IUserPoolClient;
  readonly defaults: FunctionDefaults;
  /** Where the alarms go (infra/alerts.ts). */
  readonly alerts: Alerts;
  /** Steady requests per second and burst, for each route that has no limits of its own. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  /** By route key (`POST /api/listings/{id}/bookings`): that route's own limits. */
  readonly routeLimits?: Readonly<Record<string, RouteLimits>>;
}

export interface RouteLimits {
  readonly rateLimit: number;
  readonly burstLimit: number;
  /** The route function's reserved concurrency; none: it shares the account's pool. */
  readonly reservedConcurrency?: number;
}

/** GET reads; every other method may write. */
export function accessFor(route: Pick<Route, "method">): TableAccess {
  return route.method === "GET" ? "read" : "write";
}

/** `GET /api/listings/{id}` → `GetApiListingsId`: a stable construct id per route. */
export function routeId(route: Route): string {
  const words = `${route.method} ${route.path}`
    .replace(/[{}]/g, "")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return words.map((w) => w[0]?.toUpperCase() + w.slice(1).toLowerCase()).join("");
}

const ACCESS_LOG = {
  requestId: "$context.requestId",
  ip: "$context.identity.sourceIp",
  time: "$context.requestTime",
  routeKey: "$context.routeKey",
  path: "$context.path",
  status: "$context.status",
  responseLength: "$context.responseLength",
  responseLatency: "$context.responseLatency",
  integrationLatency: "$context.integrationLatency",
  integrationError: "$context.integrationErrorMessage",
  authorizerError: "$context.authorizer.error",
  sub: "$context.authorizer.claims.sub",
  userAgent: "$context.identity.userAgent",
};

/** The API's 5xx alarm: at least `threshold` in a five-minute period, in 2 of 3 periods. */
export const API_5XX_ALARM = { threshold: 10 } as const;

export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  /** By handler name. */
  readonly functions = new Map<string, AppFunction>();

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.httpApi = new HttpApi(this, "Http", {
      description: "网淘 API, served under /api/* of the site",
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, "AccessLogs", {
      retention: props.defaults.logRetention,
      removalPolicy: props.defaults.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.stage = this.httpApi.addStage("Stage", {
      stageName: "$default",
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG)),
      },
    });

    const jwt = new HttpUserPoolAuthorizer("Cognito", props.userPool, {
      userPoolClients: [props.client],
      identitySource: ["$request.header.Authorization"],
    });
    const none = new HttpNoneAuthorizer();

    const limits = props.routeLimits ?? {};
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    const stageResource = this.stage.node.defaultChild as CfnStage;
    for (const key of Object.keys(limits))
      if (!(ROUTES as readonly Route[]).some((r) => routeKey(r) === key))
        Annotations.of(this).addError(`route limits for ${key}: no such route in shared/routes.ts`);

    for (const route of ROUTES as readonly Route[]) {
      const own = limits[routeKey(route)];
      if (!entryExists(route.handler)) {
        Annotations.of(this).addError(
          `${routeKey(route)}: functions/${route.handler}.ts does not exist; the route table lists it, so it must be written before deploying`,
        );
        continue;
      }
      const fn = new AppFunction(this, routeId(route), {
        handler: route.handler,
        defaults: props.defaults,
        table: props.table,
        access: accessFor(route),
        timeout: Duration.seconds(10),
        ...(own?.reservedConcurrency === undefined ? {} : { reservedConcurrency: own.reservedConcurrency }),
        description: `${routeKey(route)}: ${route.summary}`.slice(0, 256),
      });
      this.functions.set(route.handler, fn);
      const [httpRoute] = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${routeId(route)}Integration`, fn.fn),
        authorizer: route.access === "public" ? none : jwt,
      });
      if (own && httpRoute) {
        routeSettings[routeKey(route)] = {
          ThrottlingRateLimit: own.rateLimit,
          ThrottlingBurstLimit: own.burstLimit,
        };
        // A stage's route settings may only name a route that exists already.
        stageResource.addResourceDependency(httpRoute.node.defaultChild as CfnRoute);
      }
      if (route.access === "public" && httpRoute)
        Validations.of(httpRoute).acknowledge({
          id: "AwsSolutions-APIG4",
          reason: `${routeKey(route)} is public in the route table (shared/routes.ts): ${route.summary}; browsing and searching need no sign-in`,
        });
    }
    if (Object.keys(routeSettings).length > 0) stageResource.routeSettings = routeSettings;

    this.alarmOnServerErrors(props.alerts);
  }

  /** A few 5xx are a function's bad moment; 10 in each of two five-minute periods is residents failing. */
  private alarmOnServerErrors(alerts: ApiProps["alerts"]): void {
    alerts.alarm(this, "ServerErrorsAlarm", {
      alarmDescription: `HTTP API: ${API_5XX_ALARM.threshold} or more server errors (5xx) in 2 of the last 3 five-minute periods; residents are seeing failures. Look at the functions' Errors and logs (a function failing or timing out), and at Lambda throttles (a join rush over the reserved concurrency reaches the client as 500)`,
      metric: this.httpApi.metricServerError({ period: Duration.minutes(5), statistic: "Sum" }),
      threshold: API_5XX_ALARM.threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  /** The API's own endpoint, e.g. `abc123.execute-api.ap-east-1.amazonaws.com`. */
  get domainName(): string {
    return `${this.httpApi.apiId}.execute-api.${this.httpApi.stack.region}.${this.httpApi.stack.urlSuffix}`;
  }
}
