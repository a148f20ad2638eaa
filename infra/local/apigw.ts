/**
 * The local stand-in for API Gateway (HTTP API) + Lambda: routes each `/api/*`
 * request by the route table (shared/routes.ts), runs the JWT authorizer on every
 * route that is not public, and invokes the route's handler module, the same one
 * that deploys to Lambda, with a payload 2.0 event carrying the verified claims
 * where API Gateway's authorizer puts them.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from "aws-lambda";
import { errors as jose } from "jose";
import { checkRights, tableRights } from "../../functions/lib/rights.ts";
import { ERRORS, type ErrorCode, errorBody, GATEWAY_UNAUTHORIZED } from "../../shared/errors.ts";
import { matchPath, ROUTES, type Route } from "../../shared/routes.ts";
import { leadingKeysOf } from "../table-rights.ts";
import { flattenClaims, type TokenIssuer } from "./tokens.ts";

export type Handler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;
export type HandlerLoader = (name: string) => Promise<Handler>;

const FUNCTIONS_DIR = resolve(import.meta.dirname, "../../functions");
/** API Gateway's own payload limit is 10 MB; the handlers enforce the API's 64 KiB. */
const MAX_READ_BYTES = 10 * 1024 * 1024;

const handlers = new Map<string, Promise<Handler>>();

/** The handler module `functions/<name>.ts`, imported once. */
export const loadHandler: HandlerLoader = (name) => {
  let h = handlers.get(name);
  if (!h) {
    h = import(pathToFileURL(join(FUNCTIONS_DIR, `${name}.ts`)).href).then(
      (m: { handler: Handler }) => m.handler,
    );
    handlers.set(name, h);
  }
  return h;
};

export interface GatewayOptions {
  issuer: TokenIssuer;
  /** Where handlers come from: functions/ by default (a test may inject its own). */
  loadHandler?: HandlerLoader;
  /**
   * The authorizer's answer to a missing or invalid token: `gateway` (the default)
   * is what API Gateway's JWT authorizer answers deployed, `401 {"message":"Unauthorized"}`;
   * `api` is the API.md error format (`UNAUTHORIZED`), which the deployed stack does not send.
   */
  unauthorized?: "gateway" | "api";
  log?: (line: Record<string, unknown>) => void;
}

export function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    ...headers,
  });
  res.end(JSON.stringify(body));
}

/** An error in the API.md format, with the code's status and (unless given) its message. */
export function sendError(
  res: ServerResponse,
  code: ErrorCode,
  opts: { message?: string; details?: unknown[]; headers?: Record<string, string> } = {},
) {
  send(res, ERRORS[code].status, errorBody(code, opts.message, opts.details), opts.headers);
}

/** The request body, or null past API Gateway's payload limit. */
export function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_READ_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => resolvePromise(tooLarge ? null : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/**
 * The JWT authorizer's refusal. A missing token gets the bare 401; a bad one also
 * `www-authenticate` as API Gateway documents it ("Troubleshooting issues with HTTP
 * API JWT authorizers").
 */
function refuse(res: ServerResponse, opts: GatewayOptions, err?: unknown) {
  if (opts.unauthorized === "api") {
    return sendError(res, "UNAUTHORIZED", err ? { message: "登录已失效，请重新登录" } : {});
  }
  const headers: Record<string, string> = {};
  if (err)
    headers["www-authenticate"] =
      `Bearer scope="" error="invalid_token" error_description="${describe(err)}"`;
  send(res, 401, GATEWAY_UNAUTHORIZED, headers);
}

function describe(err: unknown): string {
  if (err instanceof jose.JWTExpired) return "the token has expired";
  if (err instanceof jose.JWTClaimValidationFailed && err.claim === "aud")
    return "the token does not have a valid audience";
  return "the token is not valid";
}

// The table rights each function deploys with, held locally (functions/lib/rights.ts): installed on
// the domain's client by the local gateway, never in the deployed bundles; imported when the first
// request comes (the client reads its environment when loaded).
let rightsChecked: Promise<void> | undefined;
const checkTableRights = () =>
  (rightsChecked ??= import("../../functions/lib/db.ts").then(({ ddb }) => {
    if (ddb.middlewareStack.identify().some((m) => m.startsWith("checkTableRights"))) return;
    ddb.middlewareStack.add(
      (next, context) => async (args) => {
        checkRights(
          String(context.commandName).replace(/Command$/, ""),
          args.input as Record<string, unknown>,
        );
        return next(args);
      },
      { step: "initialize", name: "checkTableRights" },
    );
  }));

const rightsCache = new Map<string, readonly string[]>();
const rightsOf = (handler: string) => {
  const known = rightsCache.get(handler);
  if (known) return known;
  const r = leadingKeysOf(handler);
  rightsCache.set(handler, r);
  return r;
};

/**
 * Answer one `/api/*` request as API Gateway and the route's function would.
 * `arrivedAt`: when the request reached the server (server.ts dates it on arrival),
 * the event's timeEpoch, whatever the body, the JWT or the handler's import then took.
 */
export async function gateway(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  opts: GatewayOptions,
  arrivedAt = Date.now(),
) {
  const method = (req.method ?? "GET").toUpperCase();
  const candidates = ROUTES.filter((r) => matchPath(r.path, url.pathname) !== null);
  const route: Route | undefined = candidates.find((r) => r.method === method);
  if (!route) {
    if (candidates.length) {
      return sendError(res, "METHOD_NOT_ALLOWED", {
        headers: { allow: candidates.map((r) => r.method).join(", ") },
      });
    }
    return sendError(res, "NOT_FOUND", { message: "没有这个接口" });
  }
  const body = await readBody(req);
  if (body === null) return sendError(res, "PAYLOAD_TOO_LARGE", { message: "请求内容过大" });

  let claims: Record<string, string> | undefined;
  if (route.access !== "public") {
    const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? "")?.[1];
    if (!token) return refuse(res, opts);
    try {
      claims = flattenClaims(await opts.issuer.verify(token));
    } catch (err) {
      return refuse(res, opts, err);
    }
  }
  const event = toEvent(req, url, route, body, claims, arrivedAt);
  const started = Date.now();
  const handler = await (opts.loadHandler ?? loadHandler)(route.handler);
  await checkTableRights();
  // The function's table rights, as deployed (infra/table-rights.ts), held to every command it sends.
  const rights = { handler: route.handler, patterns: rightsOf(route.handler) };
  const result = await tableRights.run(rights, () =>
    handler(event, lambdaContext(route.handler, event.requestContext.requestId)),
  );
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k] = String(v);
  const payload = result.isBase64Encoded
    ? Buffer.from(result.body ?? "", "base64")
    : Buffer.from(result.body ?? "", "utf8");
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(payload);
  opts.log?.({
    level: "INFO",
    route: `${route.method} ${route.path}`,
    status: result.statusCode,
    ms: Date.now() - started,
  });
}

const TEXT_TYPES = /^(application\/(json|.*\+json|x-www-form-urlencoded|xml|javascript)|text\/)/i;

/** The API Gateway HTTP API payload format 2.0 event, as documented. */
export function toEvent(
  req: IncomingMessage,
  url: URL,
  route: Route,
  body: Buffer,
  claims: Record<string, string> | undefined,
  arrivedAt = Date.now(),
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined || k === "cookie") continue;
    headers[k.toLowerCase()] = Array.isArray(v) ? v.join(",") : v;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const now = arrivedAt;
  const contentType = headers["content-type"] ?? "";
  const isText = body.length === 0 || TEXT_TYPES.test(contentType) || contentType === "";
  const cookies = req.headers.cookie?.split(/;\s*/).filter(Boolean);
  const requestId = randomUUID();
  return {
    version: "2.0",
    routeKey: `${route.method} ${route.path}`,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ""),
    ...(cookies?.length ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(route.path.includes("{") ? { pathParameters: matchPath(route.path, url.pathname) ?? {} } : {}),
    requestContext: {
      accountId: "000000000000",
      apiId: "local",
      domainName: headers.host ?? "127.0.0.1",
      domainPrefix: (headers.host ?? "127").split(".")[0] ?? "",
      http: {
        method: route.method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? "127.0.0.1",
        userAgent: headers["user-agent"] ?? "",
      },
      requestId,
      routeKey: `${route.method} ${route.path}`,
      stage: "$default",
      time: new Date(now).toUTCString(),
      timeEpoch: now,
      ...(claims
        ? { authorizer: { principalId: "", integrationLatency: 0, jwt: { claims, scopes: [] } } }
        : {}),
    } as APIGatewayProxyEventV2WithJWTAuthorizer["requestContext"],
    ...(body.length ? { body: isText ? body.toString("utf8") : body.toString("base64") } : {}),
    isBase64Encoded: !isText,
  };
}

/** The Lambda context a function gets: its name from the handler module, its deadline from the timeout. */
export function lambdaContext(handler: string, requestId: string, timeoutMs = 29_000): Context {
  const deadline = Date.now() + timeoutMs;
  const name = `wangtao-${handler.replace(/\//g, "-")}`;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: name,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${name}`,
    memoryLimitInMB: "512",
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: "local",
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
