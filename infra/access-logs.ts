/**
 * CloudFront access logs without query strings (issue 19.6). Share keys
 * (`/b/?id=…&k=…`, `/api/shared/bookings/{id}?k=`) and staff searches (`?q=` a
 * resident's name or phone digits) travel in query strings, and a page's own URL
 * in the Referer of every request it makes; standard logging (legacy) writes both
 * in every line. Standard logging v2 (CloudWatch vended logs, to the same S3
 * bucket) writes only the fields chosen here: no cs-uri-query, no cs(Referer), no
 * cs(Cookie). CloudFront's delivery source lives in us-east-1, as the stack does.
 */
import { Stack } from "aws-cdk-lib";
import type { Distribution } from "aws-cdk-lib/aws-cloudfront";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { CfnDelivery, CfnDeliveryDestination, CfnDeliverySource } from "aws-cdk-lib/aws-logs";
import type { Bucket } from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";

/** Every field of a CloudFront access log line but the query string, the Referer and the cookies. */
export const ACCESS_LOG_FIELDS = [
  "date",
  "time",
  "x-edge-location",
  "sc-bytes",
  "c-ip",
  "cs-method",
  "cs(Host)",
  "cs-uri-stem",
  "sc-status",
  "cs(User-Agent)",
  "x-edge-result-type",
  "x-edge-request-id",
  "x-host-header",
  "cs-protocol",
  "cs-bytes",
  "time-taken",
  "x-forwarded-for",
  "ssl-protocol",
  "ssl-cipher",
  "x-edge-response-result-type",
  "cs-protocol-version",
  "c-port",
  "time-to-first-byte",
  "x-edge-detailed-result-type",
  "sc-content-type",
  "sc-content-len",
  "sc-range-start",
  "sc-range-end",
] as const;

/** What is never logged: where share keys, searches, and pages' URLs (with theirs) travel. */
export const NEVER_LOGGED = ["cs-uri-query", "cs(Referer)", "cs(Cookie)"] as const;

export interface AccessLogsProps {
  readonly distribution: Distribution;
  readonly bucket: Bucket;
  readonly prefix: string;
}

export class AccessLogs extends Construct {
  constructor(scope: Construct, id: string, props: AccessLogsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const name = `${stack.stackName}-cdn-access`;
    const source = new CfnDeliverySource(this, "Source", {
      name,
      logType: "ACCESS_LOGS",
      resourceArn: stack.formatArn({
        service: "cloudfront",
        region: "",
        resource: "distribution",
        resourceName: props.distribution.distributionId,
      }),
    });
    const destination = new CfnDeliveryDestination(this, "Destination", {
      name,
      destinationResourceArn: `${props.bucket.bucketArn}/${props.prefix}`,
      outputFormat: "w3c",
    });
    props.bucket.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal("delivery.logs.amazonaws.com")],
        actions: ["s3:PutObject"],
        resources: [props.bucket.arnForObjects(`${props.prefix}/*`)],
        conditions: {
          StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": stack.account },
          ArnLike: {
            "aws:SourceArn": stack.formatArn({
              service: "logs",
              resource: "delivery-source",
              resourceName: "*",
            }),
          },
        },
      }),
    );
    const delivery = new CfnDelivery(this, "Delivery", {
      deliverySourceName: source.ref,
      deliveryDestinationArn: destination.attrArn,
      recordFields: [...ACCESS_LOG_FIELDS],
    });
    delivery.addDependency(source);
    delivery.addDependency(destination);
  }
}
