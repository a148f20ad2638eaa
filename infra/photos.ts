/**
 * Photos: listing photos and volunteers' faces in one private bucket, encrypted and
 * TLS-only. Browsers POST uploads under `uploads/` (a presigned POST whose policy S3
 * enforces; never processed ones expire after a day); the object-created notification
 * on that prefix invokes the processing function (functions/photos/process.ts, with
 * sharp from a Lambda layer), which writes the WebP renditions under `photos/`, served
 * by CloudFront's `/photos/*` behaviour through origin access control (infra/site.ts).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { Code, LayerVersion, Runtime } from "aws-cdk-lib/aws-lambda";
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  EventType,
  HttpMethods,
  type IBucket,
  ObjectOwnership,
} from "aws-cdk-lib/aws-s3";
import { LambdaDestination } from "aws-cdk-lib/aws-s3-notifications";
import { Construct } from "constructs";
import { PHOTO_PREFIX, UPLOAD_EXPIRES_SECONDS, UPLOAD_PREFIX } from "../shared/photos.ts";
import { PHOTO_PROCESSOR, REPO_ROOT } from "./bundling.ts";
import { AppFunction, type FunctionDefaults } from "./function.ts";
import { acknowledgeRules } from "./nag.ts";

const OBJECT_WILDCARD_REASON =
  "Object rights under one prefix of the photos bucket (uploads/* or photos/*): photo ids are made per upload, so the objects cannot be named in advance; no bucket-level or other-prefix right is granted";

/** The API routes that touch the bucket, and what each may do there. */
export const PHOTO_ROUTE_ACCESS: Record<string, { upload?: boolean; remove?: boolean }> = {
  // Signing a presigned POST needs the right to PutObject under uploads/.
  "listings/photo-upload": { upload: true },
  "me/photo": { upload: true },
  "listings/photo-delete": { remove: true },
  "admin/hide-photo": { remove: true },
};

/** sharp 0.35 with libvips for Lambda's arm64 Linux, as a layer (`nodejs/node_modules`). */
export const SHARP_LAYER_DIR = join(REPO_ROOT, ".layers", "sharp");
export const SHARP_VERSION = "0.35.5";

/** Install the layer's sharp for linux-arm64 if it is missing (a fresh clone), through npm as usual. */
export function ensureSharpLayer(dir = SHARP_LAYER_DIR): string {
  const nodejs = join(dir, "nodejs");
  if (existsSync(join(nodejs, "node_modules", "@img", "sharp-linux-arm64"))) return dir;
  process.stderr.write(`${dir} is missing: installing sharp ${SHARP_VERSION} for linux-arm64 into it\n`);
  const run = spawnSync(
    "npm",
    [
      "install",
      "--prefix",
      nodejs,
      "--no-save",
      "--no-audit",
      "--no-fund",
      "--os=linux",
      "--cpu=arm64",
      "--libc=glibc",
      `sharp@${SHARP_VERSION}`,
    ],
    { cwd: REPO_ROOT, stdio: ["ignore", 2, 2] },
  );
  if (run.status !== 0) throw new Error(`could not install sharp for the Lambda layer into ${nodejs}`);
  return dir;
}

export interface PhotosProps {
  readonly table: ITable;
  readonly defaults: FunctionDefaults;
  readonly retain: boolean;
  /** Where the bucket's server access logs go (the site's log bucket). */
  readonly logs: IBucket;
  readonly layerDir?: string;
}

export class Photos extends Construct {
  readonly bucket: Bucket;
  readonly processor: AppFunction;

  constructor(scope: Construct, id: string, props: PhotosProps) {
    super(scope, id);
    this.bucket = new Bucket(this, "Bucket", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.logs,
      serverAccessLogsPrefix: "photos-s3/",
      lifecycleRules: [
        // An upload is processed within seconds; one still here after a day never will be.
        { id: "unprocessed-uploads", prefix: UPLOAD_PREFIX, expiration: Duration.days(1) },
        { id: "abandoned-multipart", abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      // Browsers POST the presigned form from the site; the signed policy, not the origin, is the guard.
      cors: [
        {
          allowedMethods: [HttpMethods.POST],
          allowedOrigins: ["*"],
          allowedHeaders: ["*"],
          maxAge: UPLOAD_EXPIRES_SECONDS,
        },
      ],
      ...(props.retain
        ? { removalPolicy: RemovalPolicy.RETAIN }
        : { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true }),
    });

    const sharp = new LayerVersion(this, "Sharp", {
      code: Code.fromAsset(ensureSharpLayer(props.layerDir)),
      compatibleRuntimes: [Runtime.NODEJS_24_X],
      description: `sharp ${SHARP_VERSION} with libvips, linux-arm64`,
    });
    this.processor = new AppFunction(this, "Process", {
      handler: PHOTO_PROCESSOR,
      defaults: props.defaults,
      table: props.table,
      access: "write",
      // A 48 MP photo decoded is ~150 MB of pixels; sharp is faster with more memory (and so CPU).
      memorySize: 2048,
      timeout: Duration.seconds(60),
      description: "S3 uploads/ → sharp: upright, stripped, WebP thumb and full under photos/",
    });
    this.processor.fn.addLayers(sharp);
    this.processor.fn.addEnvironment("PHOTOS_BUCKET", this.bucket.bucketName);
    this.processor.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ["s3:GetObject", "s3:DeleteObject"],
        resources: [this.bucket.arnForObjects(`${UPLOAD_PREFIX}*`)],
      }),
    );
    this.processor.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ["s3:PutObject", "s3:DeleteObject"],
        resources: [this.bucket.arnForObjects(`${PHOTO_PREFIX}*`)],
      }),
    );
    acknowledgeRules(this.processor.role, ["AwsSolutions-IAM5"], OBJECT_WILDCARD_REASON);
    this.bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(this.processor.fn), {
      prefix: UPLOAD_PREFIX,
    });
  }

  /** Give the API's photo routes the bucket: its name, and exactly the object rights each needs. */
  grantApi(functions: ReadonlyMap<string, AppFunction>): void {
    for (const [handler, access] of Object.entries(PHOTO_ROUTE_ACCESS)) {
      const fn = functions.get(handler);
      if (!fn) continue;
      fn.fn.addEnvironment("PHOTOS_BUCKET", this.bucket.bucketName);
      if (access.upload)
        fn.role.addToPrincipalPolicy(
          new PolicyStatement({
            actions: ["s3:PutObject"],
            resources: [this.bucket.arnForObjects(`${UPLOAD_PREFIX}*`)],
          }),
        );
      if (access.remove)
        fn.role.addToPrincipalPolicy(
          new PolicyStatement({
            actions: ["s3:DeleteObject"],
            resources: [
              this.bucket.arnForObjects(`${UPLOAD_PREFIX}*`),
              this.bucket.arnForObjects(`${PHOTO_PREFIX}*`),
            ],
          }),
        );
      acknowledgeRules(fn.role, ["AwsSolutions-IAM5"], OBJECT_WILDCARD_REASON);
    }
  }
}
