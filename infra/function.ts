import { join } from "node:path";
import { Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Architecture, Code, Runtime } from "aws-cdk-lib/aws-lambda";
import { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import { type ILogGroup, LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { TABLE } from "../shared/table.ts";
import { entryOf, REPO_ROOT, sharedBundles } from "./bundling.ts";
import { leadingKeysOf } from "./table-rights.ts";

export const READ_ACTIONS = ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem"] as const;
export const WRITE_ACTIONS = [
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
  "dynamodb:ConditionCheckItem",
] as const;

export const SCAN_ACTION = "dynamodb:Scan";

/** `read` or `write` as above, or exactly the actions listed. */
export type TableAccess = "read" | "write" | { readonly actions: readonly string[] };

/** What every function of a stage shares. */
export interface FunctionDefaults {
  readonly logRetention: RetentionDays;
  /** Powertools log level: DEBUG, INFO, WARN, ERROR. */
  readonly logLevel: string;
  readonly districtName: string;
  /** Keep log groups when the stack goes (prod). */
  readonly retain: boolean;
}

export interface AppFunctionProps {
  /** `functions/<handler>.ts`, exporting `handler`. */
  readonly handler: string;
  readonly defaults: FunctionDefaults;
  readonly table?: ITable;
  readonly access?: TableAccess;
  /** Also Scan the table (not its indexes): only a job that must read every item. */
  readonly scan?: boolean;
  /** Reserved concurrency: at most this many at once, and that many kept from every other function. */
  readonly reservedConcurrency?: number;
  readonly timeout?: Duration;
  readonly memorySize?: number;
  readonly description?: string;
  /**
   * Its own log group (a job whose log lines a metric filter counts); otherwise the
   * function writes its streams to the stack's one function log group: a group per
   * function would be one more of CloudFormation's 500 resources each.
   */
  readonly ownLogGroup?: boolean;
}

export class AppFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  /** The function's log group: its own (metric filters read it), or the one it was given. */
  readonly logGroup: ILogGroup;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    const { defaults } = props;
    const logGroup = props.ownLogGroup ? newLogGroup(this, "Logs", defaults) : functionLogs(this, defaults);
    this.logGroup = logGroup;
    // The rights known now go inline on the role: one resource, not a role and a policy
    // per function (the stack's 500-resource limit); grants added later still make a policy.
    const policy = new PolicyDocument({
      statements: [
        new PolicyStatement({
          actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
          resources: [logGroup.logGroupArn],
        }),
        ...(props.table
          ? tableStatements(props.table, props.access ?? "read", leadingKeysOf(props.handler))
          : []),
        ...(props.table && props.scan
          ? [new PolicyStatement({ actions: [SCAN_ACTION], resources: [props.table.tableArn] })]
          : []),
      ],
    });
    this.role = new Role(this, "Role", {
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      description: `functions/${props.handler}.ts`,
      inlinePolicies: { rights: policy },
    });

    this.fn = new NodejsFunction(this, "Fn", {
      entry: entryOf(props.handler),
      // Bundled with every other function in one esbuild call (infra/bundling.ts).
      code: Code.fromAsset(bundleOf(props.handler)),
      handler: "index.handler",
      description: props.description ?? `functions/${props.handler}.ts`,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      ...(props.reservedConcurrency === undefined
        ? {}
        : { reservedConcurrentExecutions: props.reservedConcurrency }),
      role: this.role,
      logGroup,
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}/package-lock.json`,
      environment: {
        POWERTOOLS_SERVICE_NAME: "wangtao",
        POWERTOOLS_LOG_LEVEL: defaults.logLevel,
        DISTRICT_NAME: defaults.districtName,
        ...(props.table ? { TABLE_NAME: props.table.tableName } : {}),
      },
    });
  }
}

/** The stack's one log group for its functions' streams (each function its own streams in it). */
function functionLogs(scope: Construct, defaults: FunctionDefaults): ILogGroup {
  const stack = Stack.of(scope);
  return (
    (stack.node.tryFindChild("FunctionLogs") as LogGroup | undefined) ??
    newLogGroup(stack, "FunctionLogs", defaults)
  );
}

/** A log group with the stage's retention (kept when the stack goes, in prod). */
export function newLogGroup(scope: Construct, id: string, defaults: FunctionDefaults): LogGroup {
  return new LogGroup(scope, id, {
    retention: defaults.logRetention,
    removalPolicy: defaults.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
}

/** The directory of a handler's bundle: the one esbuild call for every handler of `functionNames()`. */
function bundleOf(handler: string): string {
  return join(sharedBundles().dir, handler);
}

/** The table and each index by name: Query on an index needs the index's ARN. */
export function tableResources(table: ITable): string[] {
  return [table.tableArn, ...TABLE.indexes.map((i) => `${table.tableArn}/index/${i.name}`)];
}

export function tableActions(access: TableAccess): string[] {
  if (access === "read") return [...READ_ACTIONS];
  if (access === "write") return [...READ_ACTIONS, ...WRITE_ACTIONS];
  return [...access.actions];
}

/**
 * Grant `access` on the table and its indexes; with `leadingKeys` (trust and safety,
 * infra/table-rights.ts), only to items whose partition key matches one of them
 * (`dynamodb:LeadingKeys`, checked for every item of a batch or transaction too),
 * and nothing at all when the list is empty.
 */
export function grantTable(
  role: Role,
  table: ITable,
  access: TableAccess,
  leadingKeys?: readonly string[],
): void {
  for (const statement of tableStatements(table, access, leadingKeys)) role.addToPrincipalPolicy(statement);
}

/** The statements of such a grant (none for an empty `leadingKeys`). */
export function tableStatements(
  table: ITable,
  access: TableAccess,
  leadingKeys?: readonly string[],
): PolicyStatement[] {
  if (leadingKeys?.length === 0) return [];
  return [
    new PolicyStatement({
      actions: tableActions(access),
      resources: tableResources(table),
      ...(leadingKeys
        ? { conditions: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [...leadingKeys] } } }
        : {}),
    }),
  ];
}
