import { Logger } from "@aws-lambda-powertools/logger";

/** Structured JSON logs; the request id is appended per invocation by the http wrapper. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "wangtao" });
