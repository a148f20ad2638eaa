/**
 * Trust and safety deployed (issue 19.6): the CloudFront access logs leave out the
 * query string, the Referer and the cookies (share keys and staff searches travel
 * there); the distribution has no legacy logging, which writes them all; the
 * retention job runs daily; texts carry the table's TTL attribute; the erasure
 * function (DELETE /api/me), and it alone, may delete a Cognito user.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCESS_LOG_FIELDS, NEVER_LOGGED } from "../../infra/access-logs.ts";
import { buildApp } from "../../infra/stack.ts";
import { TABLE } from "../../shared/table.ts";
import { policyResources } from "../support/iam.ts";

let template: Template;
const outdir = mkdtempSync(join(tmpdir(), "wangtao-privacy-"));
beforeAll(() => {
  template = Template.fromStack(buildApp(new App({ outdir, context: { stage: "prod" } })));
}, 170_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe("privacy deployed", () => {
  it("logs CloudFront access without query strings, Referer or cookies, and no legacy logs", () => {
    const dists = Object.values(template.findResources("AWS::CloudFront::Distribution")) as any[];
    expect(dists).toHaveLength(1);
    expect(dists[0].Properties.DistributionConfig.Logging).toBeUndefined();
    template.resourceCountIs("AWS::Logs::DeliverySource", 1);
    template.hasResourceProperties("AWS::Logs::DeliverySource", { LogType: "ACCESS_LOGS" });
    const deliveries = Object.values(template.findResources("AWS::Logs::Delivery")) as any[];
    expect(deliveries).toHaveLength(1);
    const fields: string[] = deliveries[0].Properties.RecordFields;
    expect(fields).toEqual([...ACCESS_LOG_FIELDS]);
    for (const f of NEVER_LOGGED) expect(fields).not.toContain(f);
    expect(fields).toEqual(expect.arrayContaining(["cs-uri-stem", "sc-status", "date", "time"]));
    // The log bucket lets the log delivery service write under its prefix, and only that
    template.hasResourceProperties("AWS::S3::BucketPolicy", {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: "delivery.logs.amazonaws.com" }, Action: "s3:PutObject" }),
        ]),
      },
    });
  });

  it("runs the retention job daily and keeps the table's TTL", () => {
    const rules = Object.values(template.findResources("AWS::Events::Rule")) as any[];
    expect(rules.map((r) => r.Properties.ScheduleExpression)).toContain("cron(0 20 * * ? *)");
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
    });
  });

  it("lets only the erasure function delete a Cognito user, of the site's own pool", () => {
    const policies = policyResources(template.toJSON().Resources).map(([, p]) => p);
    const deleting = policies.filter((p) =>
      p.Properties.PolicyDocument.Statement.some((st: any) =>
        [st.Action].flat().includes("cognito-idp:AdminDeleteUser"),
      ),
    );
    expect(deleting).toHaveLength(1);
    const stmt = deleting[0].Properties.PolicyDocument.Statement.find((st: any) =>
      [st.Action].flat().includes("cognito-idp:AdminDeleteUser"),
    );
    const pools = Object.keys(template.findResources("AWS::Cognito::UserPool"));
    expect(pools).toHaveLength(1);
    expect(stmt.Resource).toEqual({ "Fn::GetAtt": [pools[0], "Arn"] });
    const fns = Object.values(template.findResources("AWS::Lambda::Function")) as any[];
    const withPool = fns.filter((f) => f.Properties.Environment?.Variables?.USER_POOL_ID !== undefined);
    expect(withPool).toHaveLength(1);
    expect(deleting[0].Properties.Roles).toEqual([{ Ref: withPool[0].Properties.Role["Fn::GetAtt"][0] }]);
  });
});
