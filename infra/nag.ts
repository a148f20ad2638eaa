/**
 * cdk-nag (AwsSolutions pack) acknowledgments for constructs that aws-cdk-lib
 * creates and owns (custom-resource providers). Findings on our own resources are
 * acknowledged where the resource is built (auth.ts, site.ts, api.ts), each with
 * its reason.
 */
import { type Stack, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import type { IConstruct } from "constructs";

/**
 * Acknowledge, on `scope` only, every current finding of the given rules
 * (e.g. `AwsSolutions-IAM5` covers `AwsSolutions-IAM5[Action::s3:List*]`).
 * Used only for providers whose policies and runtime aws-cdk-lib generates.
 */
export function acknowledgeRules(scope: IConstruct, rules: readonly string[], reason: string): void {
  const report = new AwsSolutionsChecks().validateScope(scope);
  const ids = report.violations
    .map((v) => v.ruleName)
    .filter((id) => rules.includes(id.replace(/\[.*\]$/, "")));
  for (const id of new Set(ids)) Validations.of(scope).acknowledge({ id, reason });
}

/** aws-cdk-lib's singleton providers, by the id prefix it gives them in the stack. */
const PROVIDERS: Record<string, string> = {
  "Custom::CDKBucketDeployment":
    "aws-cdk-lib's BucketDeployment provider: runs only during deployments to copy the built storefront from the CDK asset bucket into the site bucket; aws-cdk-lib generates its role (basic execution role, S3 read on the asset bucket and write on the site bucket) and chooses its Python runtime",
  // Photos (infra/photos.ts): the bucket's upload notification.
  BucketNotificationsHandler:
    "aws-cdk-lib's bucket-notifications provider: runs only during deployments to set the photos bucket's object-created notification (uploads/ → the processing function); aws-cdk-lib generates its role (basic execution role, s3:PutBucketNotification) and runtime",
  "Custom::S3AutoDeleteObjects":
    "aws-cdk-lib's auto-delete provider, dev stage only: empties the dev buckets when the dev stack is destroyed; aws-cdk-lib generates its role and runtime",
  // Trust and safety (issue 19)
  AWS679f53fac002430cb0da5b7982bd2287:
    "aws-cdk-lib's AwsCustomResource provider: runs only during deployments, to make the SMS country allow-list the account's default protect configuration (one API call CloudFormation has no property for); aws-cdk-lib generates its role and runtime",
  "Custom::CrossRegionExport":
    "aws-cdk-lib's cross-region reference provider: runs only during deployments, to carry the CloudFront web ACL's ARN from us-east-1 (where AWS keeps CloudFront web ACLs) to the stack through SSM parameters; aws-cdk-lib generates its role and runtime",
};

export function suppressNagFindings(stack: Stack): void {
  for (const child of stack.node.children) {
    const reason = Object.entries(PROVIDERS).find(([prefix]) => child.node.id.startsWith(prefix))?.[1];
    if (reason)
      acknowledgeRules(child, ["AwsSolutions-IAM4", "AwsSolutions-IAM5", "AwsSolutions-L1"], reason);
  }
}
