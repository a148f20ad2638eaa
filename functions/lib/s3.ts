/**
 * The photos bucket's S3 client, built once per container. Deployed, PHOTOS_BUCKET is
 * the stack's private bucket; locally S3_ENDPOINT points at the S3-compatible server
 * that `npm start` and the tests run (infra/local/s3.ts), path-style, with its keys.
 */
import { S3Client } from "@aws-sdk/client-s3";
import { env } from "./env.ts";

const endpoint = process.env.S3_ENDPOINT;

export const s3 = new S3Client({
  region: env.region,
  ...(endpoint
    ? {
        endpoint,
        forcePathStyle: true,
        credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
        maxAttempts: 2,
      }
    : {}),
});

/** The bucket, read when first used: only the photo functions need it. */
export function photosBucket(): string {
  const bucket = process.env.PHOTOS_BUCKET;
  if (!bucket) throw new Error("environment variable PHOTOS_BUCKET is not set");
  return bucket;
}
