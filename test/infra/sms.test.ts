/**
 * Texts deployed: only the texts job may publish through SNS, only to phone numbers
 * (every topic denied), with SMS_SENDER=sns; no other function has any SNS right.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../infra/stack.ts";
import { policyResources } from "../support/iam.ts";

let template: Template;
const outdir = mkdtempSync(join(tmpdir(), "wangtao-sms-"));
beforeAll(() => {
  template = Template.fromStack(buildApp(new App({ outdir, context: { stage: "prod" } })));
}, 170_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe("texts (SMS) deployed", () => {
  const snsStatements = () => {
    const policies = policyResources(template.toJSON().Resources).map(([, p]) => p);
    const snsStatements: any[] = policies.flatMap((p) =>
      p.Properties.PolicyDocument.Statement.filter((s: any) =>
        [s.Action].flat().some((a: string) => a.startsWith("sns:")),
      ).map((s: any) => ({ s, roles: p.Properties.Roles })),
    );
    return snsStatements;
  };

  it("lets one role publish SMS and denies it every topic", () => {
    const all = snsStatements();
    const allow = all.filter((x) => x.s.Effect === "Allow");
    const deny = all.filter((x) => x.s.Effect === "Deny");
    expect(allow.map((x) => [x.s.Action, x.s.Resource])).toContainEqual(["sns:Publish", "*"]);
    expect(deny.map((x) => [x.s.Action, x.s.Resource])).toContainEqual(["sns:Publish", "arn:aws:sns:*:*:*"]);
    // Cognito's own SMS role (assumed by cognito-idp, for its verification codes) aside, one role publishes.
    const roles = template.toJSON().Resources;
    const byLambda = (x: { roles: { Ref: string }[] }) =>
      x.roles.every((r) =>
        JSON.stringify(roles[r.Ref]?.Properties?.AssumeRolePolicyDocument).includes("lambda.amazonaws.com"),
      );
    const texts = allow.filter((x) => x.s.Resource === "*" && x.s.Action === "sns:Publish").filter(byLambda);
    expect(texts).toHaveLength(1);
    const denied = deny.find((x) => x.s.Action === "sns:Publish");
    expect(denied?.roles).toEqual(texts[0]?.roles);
  });

  it("sets SMS_SENDER=sns on the texts job only", () => {
    const fns = Object.values(template.findResources("AWS::Lambda::Function")) as any[];
    const senders = fns.filter((f) => f.Properties.Environment?.Variables?.SMS_SENDER === "sns");
    expect(senders).toHaveLength(1);
    expect(String(senders[0].Properties.Description)).toContain("texts");
  });
});
