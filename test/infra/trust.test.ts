/**
 * Trust and safety deployed (issue 19), on the synthesized templates of a stack with a
 * known region (as every cdk deploy has): the CloudFront web ACL in us-east-1 with the
 * per-IP API rule and the per-caller join rule (the same numbers the local gateway
 * enforces), attached to the distribution; the user pool's web ACL; the pre-sign-up
 * and pre-token triggers; the SMS country allow-list and spend alarm; and every
 * function's table grant held to dynamodb:LeadingKeys (the health check's reaching no
 * phone). cdk-nag clean on both stacks.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, type Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { AwsSolutionsChecks } from "cdk-nag";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../infra/stack.ts";
import { leadingKeysOf } from "../../infra/table-rights.ts";
import { errorBody } from "../../shared/errors.ts";
import { IP_RATE, JOIN_RATE } from "../../shared/trust.ts";
import { policyResources } from "../support/iam.ts";

type Json = Record<string, any>;
let main: Template;
let edge: Template;
let stacks: Stack[];
const outdir = mkdtempSync(join(tmpdir(), "wangtao-trust-"));
const region = process.env.CDK_DEFAULT_REGION;
beforeAll(() => {
  process.env.CDK_DEFAULT_REGION = "ap-northeast-1";
  const app = new App({ outdir, context: { stage: "prod" } });
  const stack = buildApp(app);
  const edgeStack = app.node.findChild("Wangtao-prod-edge") as Stack;
  stacks = [stack, edgeStack];
  main = Template.fromStack(stack);
  edge = Template.fromStack(edgeStack);
}, 300_000);
afterAll(() => {
  if (region === undefined) delete process.env.CDK_DEFAULT_REGION;
  else process.env.CDK_DEFAULT_REGION = region;
  rmSync(outdir, { recursive: true, force: true });
});

const resources = (t: Template, type: string) => Object.entries(t.findResources(type)) as [string, Json][];

describe("WAF", () => {
  it("puts a CloudFront web ACL in us-east-1 with the per-caller join rule and the per-IP API rule, answering 429 RATE_LIMITED", () => {
    const [[, acl]] = resources(edge, "AWS::WAFv2::WebACL") as [[string, Json]];
    expect(acl.Properties.Scope).toBe("CLOUDFRONT");
    const rules = Object.fromEntries(acl.Properties.Rules.map((r: Json) => [r.Name, r]));
    const join = rules.JoinPerCaller.Statement.RateBasedStatement;
    expect(join).toMatchObject({
      Limit: JOIN_RATE.limit,
      EvaluationWindowSec: JOIN_RATE.windowSeconds,
      AggregateKeyType: "CUSTOM_KEYS",
      CustomKeys: [{ Header: { Name: "authorization" } }],
    });
    const scoped = JSON.stringify(join.ScopeDownStatement);
    expect(scoped).toContain("POST");
    expect(scoped).toContain("bookings");
    expect(rules.ApiPerIp.Statement.RateBasedStatement).toMatchObject({
      Limit: IP_RATE.api,
      AggregateKeyType: "IP",
    });
    for (const r of Object.values(rules) as Json[])
      expect(r.Action.Block.CustomResponse.ResponseCode).toBe(429);
    expect(JSON.parse(acl.Properties.CustomResponseBodies.rateLimited.Content)).toEqual(
      errorBody("RATE_LIMITED"),
    );
    expect(stacks[1]?.region).toBe("us-east-1");
  });

  it("attaches it to the distribution in front of the site and /api", () => {
    const [[, cdn]] = resources(main, "AWS::CloudFront::Distribution") as [[string, Json]];
    expect(cdn.Properties.DistributionConfig.WebACLId).toBeDefined();
  });

  it("guards the Cognito user pool with a regional web ACL: per IP, and sign-ups per IP", () => {
    const acls = resources(main, "AWS::WAFv2::WebACL");
    expect(acls).toHaveLength(1);
    const acl = acls[0]?.[1] as Json;
    expect(acl.Properties.Scope).toBe("REGIONAL");
    expect(acl.Properties.Rules.map((r: Json) => r.Name).sort()).toEqual(["PoolPerIp", "SignUpPerIp"]);
    const [[, assoc]] = resources(main, "AWS::WAFv2::WebACLAssociation") as [[string, Json]];
    expect(JSON.stringify(assoc.Properties.ResourceArn)).toContain("AuthUsers");
  });
});

describe("sign-up and texts", () => {
  it("runs the pre-sign-up and pre-token triggers, and keeps user-existence errors hidden", () => {
    const [[, pool]] = resources(main, "AWS::Cognito::UserPool") as [[string, Json]];
    expect(Object.keys(pool.Properties.LambdaConfig).sort()).toEqual(
      ["PostConfirmation", "PreSignUp", "PreTokenGeneration"].sort(),
    );
    main.hasResourceProperties("AWS::Cognito::UserPoolClient", { PreventUserExistenceErrors: "ENABLED" });
  });

  it("allows SMS to mainland China only, and alarms on the month's SMS spend", () => {
    const [[, protect]] = resources(main, "AWS::SMSVOICE::ProtectConfiguration") as [[string, Json]];
    const rules: Json[] = protect.Properties.CountryRuleSet.SMS;
    expect(rules.filter((r) => r.ProtectStatus === "ALLOW").map((r) => r.CountryCode)).toEqual(["CN"]);
    const blocked = rules.filter((r) => r.ProtectStatus === "BLOCK").map((r) => r.CountryCode);
    expect(blocked.length).toBeGreaterThan(200);
    expect(blocked).toEqual(expect.arrayContaining(["GB", "US", "HK", "TW", "RU", "NG"]));
    main.hasResourceProperties("AWS::CloudWatch::Alarm", {
      Namespace: "AWS/SNS",
      MetricName: "SMSMonthToDateSpentUSD",
    });
  });

  it("subscribes the inbound-SMS handler (a reply of T) to the two-way SMS topic", () => {
    const subs = resources(main, "AWS::SNS::Subscription").filter(
      ([, s]) => s.Properties.Protocol === "lambda",
    );
    expect(subs.map(([id]) => id).join(" ")).toContain("SmsGuard");
    const fns = resources(main, "AWS::Lambda::Function").filter(([, f]) =>
      String(f.Properties.Description).includes("Inbound SMS"),
    );
    expect(fns).toHaveLength(1);
  });
});

describe("table rights", () => {
  const tableStatements = () =>
    policyResources(main.toJSON().Resources).flatMap(([id, p]) =>
      (p.Properties.PolicyDocument.Statement as Json[])
        .filter((s) =>
          [s.Action].flat().some((a: string) => a.startsWith("dynamodb:") && a !== "dynamodb:Scan"),
        )
        .filter(
          (s) =>
            ![s.Action]
              .flat()
              .some((a: string) => /Stream|DescribeStream|GetRecords|GetShardIterator/.test(a)),
        )
        .map((s) => ({ id, roles: p.Properties.Roles, s })),
    );

  it("holds every function's table grant to dynamodb:LeadingKeys", () => {
    const all = tableStatements();
    expect(all.length).toBeGreaterThan(40);
    for (const { id, s } of all)
      expect(s.Condition?.["ForAllValues:StringLike"]?.["dynamodb:LeadingKeys"], id).toEqual(
        expect.any(Array),
      );
  });

  it("lets the public health check reach the catalogue counter only, no phone", () => {
    expect(leadingKeysOf("health")).toEqual(["CATALOGUE"]);
    const health = tableStatements().filter(({ id }) => id.startsWith("ApiGetApiHealth"));
    expect(health).toHaveLength(1);
    expect(health[0]?.s.Condition["ForAllValues:StringLike"]["dynamodb:LeadingKeys"]).toEqual(["CATALOGUE"]);
    expect([health[0]?.s.Action].flat()).not.toContain("dynamodb:PutItem");
  });

  it("keeps booking, resident and text partitions out of the public catalogue reads", () => {
    for (const h of ["listings/list", "listings/get", "categories/list", "communities/list"]) {
      const reach = leadingKeysOf(h);
      for (const phoney of ["BOOKING#*", "USER#*", "OUTBOX#*", "TEXT#*", "PHONECODE#*", "RESIDENT#*"])
        expect(reach, h).not.toContain(phoney);
    }
    expect(leadingKeysOf("bookings/create")).toEqual(
      expect.arrayContaining(["BOOKING#*", "LISTING#*", "IDEMPOTENCY#*"]),
    );
  });
});

describe("cdk-nag", () => {
  it("is clean on both stacks", () => {
    for (const s of stacks)
      expect(
        new AwsSolutionsChecks()
          .validateScope(s)
          .violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath)}`),
        s.stackName,
      ).toEqual([]);
  });
});
