/**
 * The S3 object-created notification on the uploads prefix (deployed), and the local
 * S3 server's events (infra/local/s3.ts): the same S3Event, the same handler. Each
 * record is processed on its own; one that throws fails the invocation, and S3's
 * asynchronous invocation retries it (processing is idempotent).
 */
import type { S3Event } from "aws-lambda";
import { processUpload } from "../domain/photos/process.ts";
import { logger } from "../lib/logger.ts";

export const handler = async (event: S3Event): Promise<{ outcomes: string[] }> => {
  const outcomes: string[] = [];
  for (const record of event.Records ?? []) {
    if (!record.eventName?.startsWith("ObjectCreated:")) continue;
    // S3 sends keys URL-encoded, spaces as '+'.
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, " "));
    const outcome = await processUpload(key);
    logger.info("photo upload", { key, outcome });
    outcomes.push(outcome);
  }
  return { outcomes };
};
