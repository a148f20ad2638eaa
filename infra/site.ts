/**
 * Site: the Astro storefront (web/dist) in a private S3 bucket behind CloudFront
 * with origin access control, `/api/*` routed to the HTTP API uncached, security
 * headers on every response, `/x/` served from `/x/index.html`, and a generated
 * `/config.json` telling the storefront where Cognito's hosted UI is.
 */

import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Duration, Lazy, RemovalPolicy, Validations } from "aws-cdk-lib";
import {
  AllowedMethods,
  CachePolicy,
  Function as CfFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from "aws-cdk-lib/aws-cloudfront";
import { HttpOrigin, S3BucketOrigin } from "aws-cdk-lib/aws-cloudfront-origins";
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type IBucket,
  ObjectOwnership,
} from "aws-cdk-lib/aws-s3";
import { BucketDeployment, CacheControl, Source } from "aws-cdk-lib/aws-s3-deployment";
import { Construct } from "constructs";
import { PHOTO_CACHE_CONTROL, PHOTO_PREFIX } from "../shared/photos.ts";
import { AccessLogs } from "./access-logs.ts";
import { REPO_ROOT } from "./bundling.ts";

export const WEB_DIST = join(REPO_ROOT, "web", "dist");

/** What the storefront reads from `/config.json` (absent locally: it uses the dev login). */
export interface StorefrontConfig {
  readonly auth: { kind: "cognito"; domain: string; clientId: string; redirectUri: string };
}

export interface SiteProps {
  /** Cognito hosted UI origin, e.g. `https://wangtao-prod.auth.ap-east-1.amazoncognito.com`. */
  readonly authOrigin: string;
  readonly retain: boolean;
  /** Days the access logs are kept. */
  readonly logDays: number;
  /** The built storefront; defaults to web/dist. */
  readonly distDir?: string;
  /** Trust and safety: the CloudFront web ACL (infra/waf.ts) with the API's rate rules. */
  readonly webAclArn?: string;
}

/** `/x/` → `/x/index.html`, `/x` → `/x/index.html` (Astro's directory format); files untouched. */
export const INDEX_REWRITE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.endsWith("/")) request.uri = uri + "index.html";
  else if (uri.lastIndexOf(".") < uri.lastIndexOf("/")) request.uri = uri + "/index.html";
  return request;
}`;

/** CloudFront's limit on the Content-Security-Policy value of a response headers policy. */
const MAX_CSP_LENGTH = 1783;

function htmlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".html"))
    .map((f) => join(dir, f));
}

/** sha256 sources for the inline scripts Astro writes into the pages (no 'unsafe-inline' for scripts). */
export function inlineScriptHashes(distDir: string): string[] {
  const hashes = new Set<string>();
  const inline = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;
  for (const file of htmlFiles(distDir)) {
    for (const m of readFileSync(file, "utf8").matchAll(inline)) {
      const body = m[1] ?? "";
      if (body.trim() === "") continue;
      hashes.add(`'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
    }
  }
  return [...hashes].sort();
}

export function contentSecurityPolicy(
  authOrigin: string,
  scriptHashes: readonly string[],
  /** Where browsers POST photo uploads (the photos bucket's S3 endpoint). */
  uploadOrigin = "",
): string {
  const csp = [
    "default-src 'self'",
    `script-src 'self' ${scriptHashes.join(" ")}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${authOrigin} ${uploadOrigin}`.trim(),
    `form-action 'self' ${authOrigin}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
  if (csp.length > MAX_CSP_LENGTH)
    throw new Error(
      `the Content-Security-Policy (${csp.length} chars, ${scriptHashes.length} inline script hashes) exceeds CloudFront's ${MAX_CSP_LENGTH}; have Astro emit scripts as files (vite.build.assetsInlineLimit: 0)`,
    );
  return csp;
}

export class Site extends Construct {
  readonly bucket: Bucket;
  readonly logs: Bucket;
  readonly distribution: Distribution;
  readonly headers: ResponseHeadersPolicy;
  readonly distDir: string;
  /** The photos bucket's upload endpoint, set by servePhotos (read lazily into the CSP). */
  private uploadOrigin = "";

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);
    this.distDir = props.distDir ?? WEB_DIST;
    const removal = props.retain
      ? { removalPolicy: RemovalPolicy.RETAIN }
      : { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true };

    this.logs = new Bucket(this, "Logs", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      // CloudFront standard logging writes with an ACL.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(props.logDays) }],
      ...removal,
    });
    this.bucket = new Bucket(this, "Storefront", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: props.retain,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: "s3/",
      ...removal,
    });

    this.headers = this.securityHeaders(props.authOrigin);

    const indexRewrite = new CfFunction(this, "IndexRewrite", {
      code: FunctionCode.fromInline(INDEX_REWRITE),
      runtime: FunctionRuntime.JS_2_0,
      comment: "Serve /x/ from /x/index.html",
    });

    this.distribution = new Distribution(this, "Cdn", {
      comment: "网淘 storefront and /api",
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      defaultRootObject: "index.html",
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      // Access logs: standard logging v2 without query strings (access-logs.ts), not the legacy ones.
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.headers,
        compress: true,
        functionAssociations: [{ function: indexRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
    });
    new AccessLogs(this, "AccessLogs", {
      distribution: this.distribution,
      bucket: this.logs,
      prefix: "cloudfront",
    });
    this.acknowledgeNag(Boolean(props.webAclArn));
  }

  /** CSP (self + Cognito + the photo uploads' origin), HSTS, no framing, nosniff, a referrer policy. */
  private securityHeaders(authOrigin: string): ResponseHeadersPolicy {
    return new ResponseHeadersPolicy(this, "SecurityHeaders", {
      comment: "网淘: CSP (self + Cognito), HSTS, no framing, nosniff, referrer policy",
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy(
            authOrigin,
            inlineScriptHashes(this.distDir),
            Lazy.string({ produce: () => this.uploadOrigin }),
          ),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: {
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
      },
    });
  }

  /** What cdk-nag asks of a distribution that this one answers otherwise (each with its reason). */
  private acknowledgeNag(hasWebAcl: boolean): void {
    if (!hasWebAcl)
      Validations.of(this.distribution).acknowledge({
        id: "AwsSolutions-CFR2",
        reason:
          "A region-agnostic synth only: the web ACL (infra/waf.ts) lives in us-east-1 and is attached whenever the stack's region is known, as it is for every cdk deploy",
      });
    Validations.of(this.distribution).acknowledge(
      {
        id: "AwsSolutions-CFR3",
        reason:
          "Access logs are on, through CloudFront standard logging v2 (AccessLogs: the same bucket, every field but the query string, Referer and cookies, where share keys and staff searches travel); cdk-nag checks only the legacy Logging property",
      },
      {
        id: "AwsSolutions-CFR1",
        reason:
          "No geo restriction: residents' families and volunteers use the site from anywhere, and the catalogue is public",
      },
      {
        id: "AwsSolutions-CFR4",
        reason:
          "The default *.cloudfront.net certificate fixes the viewer minimum at TLSv1 (CloudFront ignores minimumProtocolVersion without a custom certificate); attaching the district's domain with an ACM certificate is a deploy-time choice, and then the minimum should be TLSv1.2_2021",
      },
    );
  }

  /** `https://<distribution domain>` */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }

  /**
   * Route `/api/*` to the HTTP API: every method, nothing cached, every viewer
   * header but Host forwarded (with caching disabled, the AllViewerExceptHostHeader
   * policy forwards Authorization too), all query strings.
   */
  routeApi(apiDomainName: string): void {
    this.distribution.addBehavior(
      "/api/*",
      new HttpOrigin(apiDomainName, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }),
      {
        allowedMethods: AllowedMethods.ALLOW_ALL,
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: this.headers,
        compress: true,
      },
    );
  }

  /**
   * Serve the processed photos at `/photos/*` from their private bucket through origin
   * access control, cached for a year (content-addressed names never change), and let
   * the pages POST uploads to the bucket (CSP connect-src).
   */
  servePhotos(bucket: IBucket): void {
    const headers = new ResponseHeadersPolicy(this, "PhotoHeaders", {
      comment: "网淘 photos: immutable for a year, nosniff, HSTS",
      customHeadersBehavior: {
        customHeaders: [{ header: "Cache-Control", value: PHOTO_CACHE_CONTROL, override: true }],
      },
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
      },
    });
    this.distribution.addBehavior(`/${PHOTO_PREFIX}*`, S3BucketOrigin.withOriginAccessControl(bucket), {
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: headers,
      compress: false,
    });
    this.uploadOrigin = `https://${bucket.bucketRegionalDomainName}`;
  }

  /**
   * Upload the storefront and `/config.json`, then invalidate the CDN. Hashed
   * assets (`_astro/`) are cached for a year; pages and config revalidate.
   */
  publish(config: StorefrontConfig): void {
    // Hashed assets first (and they own the shared provider's CLI layer), so a
    // fresh page never names a missing file.
    const assets = join(this.distDir, "_astro");
    const hashed = existsSync(assets)
      ? new BucketDeployment(this, "HashedAssets", {
          sources: [Source.asset(assets)],
          destinationBucket: this.bucket,
          destinationKeyPrefix: "_astro/",
          // Old pages still in browsers keep finding the assets they name.
          prune: false,
          cacheControl: [CacheControl.fromString("public, max-age=31536000, immutable")],
          memoryLimit: 512,
        })
      : undefined;
    const pages = new BucketDeployment(this, "Pages", {
      sources: [
        Source.asset(this.distDir, { exclude: ["_astro/**"] }),
        Source.jsonData("config.json", config),
      ],
      destinationBucket: this.bucket,
      exclude: ["_astro/*"],
      prune: true,
      cacheControl: [CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ["/*"],
      memoryLimit: 512,
    });
    if (hashed) pages.node.addDependency(hashed);
  }
}
