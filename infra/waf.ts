/**
 * AWS WAF (trust and safety, issue 19), from the numbers in shared/trust.ts:
 * - `EdgeWafStack`: the web ACL in front of the site and `/api/*` (CloudFront scope,
 *   which AWS keeps in us-east-1, so a small stack of its own there): a per-IP rate
 *   rule on the API (IP_RATE.api per 5 minutes), and the per-caller rate rule on
 *   joins, `POST /api/listings/{id}/bookings` keyed by the Authorization header
 *   (JOIN_RATE — the local gateway enforces the same one, infra/local/rate-rule.ts).
 *   Both answer 429 with the API's error body (RATE_LIMITED). An HTTP API cannot have
 *   a web ACL of its own; CloudFront is its only way in that the site uses.
 * - `PoolWaf`: a regional web ACL on the Cognito user pool: per IP, every request
 *   (IP_RATE.cognito per 5 minutes) and sign-ups (SIGN_UP_PER_IP).
 */
import { Stack, type StackProps } from "aws-cdk-lib";
import { CfnWebACL, CfnWebACLAssociation } from "aws-cdk-lib/aws-wafv2";
import { Construct } from "constructs";
import { errorBody } from "../shared/errors.ts";
import { IP_RATE, JOIN_RATE, pathPattern } from "../shared/trust.ts";

/** Sign-up requests per IP per 5 minutes (Cognito's SignUp action). */
export const SIGN_UP_PER_IP = 20;

const RATE_LIMITED_BODY = "rateLimited";
const visibility = (name: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName: name,
  sampledRequestsEnabled: true,
});
const none = [{ priority: 0, type: "NONE" }];
/** Block with 429 and the API's RATE_LIMITED body. */
const tooMany = (retryAfter: number): CfnWebACL.RuleActionProperty => ({
  block: {
    customResponse: {
      responseCode: 429,
      customResponseBodyKey: RATE_LIMITED_BODY,
      responseHeaders: [{ name: "retry-after", value: String(retryAfter) }],
    },
  },
});
const customResponseBodies = {
  [RATE_LIMITED_BODY]: {
    contentType: "APPLICATION_JSON",
    content: JSON.stringify(errorBody("RATE_LIMITED")),
  },
};

/** The rules of the CloudFront web ACL (exported for the tests). */
export function edgeRules(): CfnWebACL.RuleProperty[] {
  return [
    {
      name: "JoinPerCaller",
      priority: 0,
      action: tooMany(JOIN_RATE.windowSeconds),
      visibilityConfig: visibility("JoinPerCaller"),
      statement: {
        rateBasedStatement: {
          limit: JOIN_RATE.limit,
          evaluationWindowSec: JOIN_RATE.windowSeconds,
          aggregateKeyType: "CUSTOM_KEYS",
          customKeys: [{ header: { name: JOIN_RATE.header, textTransformations: none } }],
          scopeDownStatement: {
            andStatement: {
              statements: [
                {
                  byteMatchStatement: {
                    fieldToMatch: { method: {} },
                    positionalConstraint: "EXACTLY",
                    searchString: JOIN_RATE.method,
                    textTransformations: none,
                  },
                },
                {
                  regexMatchStatement: {
                    fieldToMatch: { uriPath: {} },
                    regexString: pathPattern(JOIN_RATE.path),
                    textTransformations: none,
                  },
                },
              ],
            },
          },
        },
      },
    },
    {
      name: "ApiPerIp",
      priority: 1,
      action: tooMany(IP_RATE.windowSeconds),
      visibilityConfig: visibility("ApiPerIp"),
      statement: {
        rateBasedStatement: {
          limit: IP_RATE.api,
          evaluationWindowSec: IP_RATE.windowSeconds,
          aggregateKeyType: "IP",
          scopeDownStatement: {
            byteMatchStatement: {
              fieldToMatch: { uriPath: {} },
              positionalConstraint: "STARTS_WITH",
              searchString: "/api/",
              textTransformations: none,
            },
          },
        },
      },
    },
  ];
}

/** The CloudFront-scope web ACL, in us-east-1 (where AWS requires it). */
export class EdgeWafStack extends Stack {
  readonly webAcl: CfnWebACL;
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    this.webAcl = new CfnWebACL(this, "Edge", {
      scope: "CLOUDFRONT",
      description: "网淘: per-IP rate on /api/*, per-caller rate on joins",
      defaultAction: { allow: {} },
      visibilityConfig: visibility("WangtaoEdge"),
      customResponseBodies,
      rules: edgeRules(),
    });
  }
}

/** A regional web ACL on the Cognito user pool: per-IP rates on every request and on sign-ups. */
export class PoolWaf extends Construct {
  readonly webAcl: CfnWebACL;
  constructor(scope: Construct, id: string, props: { userPoolArn: string }) {
    super(scope, id);
    this.webAcl = new CfnWebACL(this, "Acl", {
      scope: "REGIONAL",
      description: "网淘 user pool: per-IP rate on every request and on sign-ups",
      defaultAction: { allow: {} },
      visibilityConfig: visibility("WangtaoPool"),
      rules: [
        {
          name: "SignUpPerIp",
          priority: 0,
          action: { block: {} },
          visibilityConfig: visibility("SignUpPerIp"),
          statement: {
            rateBasedStatement: {
              limit: SIGN_UP_PER_IP,
              evaluationWindowSec: IP_RATE.windowSeconds,
              aggregateKeyType: "IP",
              scopeDownStatement: {
                byteMatchStatement: {
                  fieldToMatch: { singleHeader: { Name: "x-amz-target" } },
                  positionalConstraint: "ENDS_WITH",
                  searchString: ".SignUp",
                  textTransformations: none,
                },
              },
            },
          },
        },
        {
          name: "PoolPerIp",
          priority: 1,
          action: { block: {} },
          visibilityConfig: visibility("PoolPerIp"),
          statement: {
            rateBasedStatement: {
              limit: IP_RATE.cognito,
              evaluationWindowSec: IP_RATE.windowSeconds,
              aggregateKeyType: "IP",
            },
          },
        },
      ],
    });
    new CfnWebACLAssociation(this, "OnPool", {
      resourceArn: props.userPoolArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}
