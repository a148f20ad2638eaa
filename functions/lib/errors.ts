/** The one mapper from errors to the API error format (API.md). */
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { errorBody } from "../../shared/errors.ts";
import { DomainError, RateLimited, Unavailable } from "../domain/errors.ts";

const UNAVAILABLE = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
  "InternalServerError",
  "ServiceUnavailable",
  "TimeoutError",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
]);

/** Errors that mean "the database is not answering": 503 with Retry-After, not 500. */
export function isUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: string }).code;
  return (
    UNAVAILABLE.has(err.name) || (code !== undefined && UNAVAILABLE.has(code)) || isUnavailable(err.cause)
  );
}

export function errorResponse(err: unknown): {
  response: APIGatewayProxyStructuredResultV2;
  expected: boolean;
} {
  const domain = err instanceof DomainError ? err : isUnavailable(err) ? new Unavailable() : undefined;
  if (!domain) {
    return {
      response: json(500, errorBody("INTERNAL")),
      expected: false,
    };
  }
  const body = errorBody(domain.code, domain.message, domain.details);
  const headers: Record<string, string> =
    domain instanceof Unavailable || domain instanceof RateLimited
      ? { "retry-after": String(domain.retryAfter) }
      : {};
  const response = json(domain.status, body, headers);
  return { response, expected: true };
}

export function json(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
    body: JSON.stringify(body),
  };
}
