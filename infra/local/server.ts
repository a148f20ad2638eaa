/**
 * The local stand-in for CloudFront + API Gateway + Lambda: one Node HTTP server
 * that serves the built storefront and turns each `/api/*` request into an API
 * Gateway HTTP API (payload 2.0) event for the same handler module that deploys
 * to Lambda, with verified JWT claims where API Gateway's authorizer puts them.
 */
import { randomUUID } from "node:crypto";
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { extname, join, normalize, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { brotliCompressSync, gzipSync } from "node:zlib";
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from "aws-lambda";
import { type ErrorCode, errorBody } from "../../shared/errors.ts";
import { matchPath, ROUTES, type Route } from "../../shared/routes.ts";
import { DevLogin, flattenClaims, type TokenIssuer } from "./tokens.ts";

type Handler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

const FUNCTIONS_DIR = resolve(import.meta.dirname, "../../functions");
/** API Gateway's own payload limit is 10 MB; the handlers enforce the API's 64 KiB. */
const MAX_READ_BYTES = 10 * 1024 * 1024;

const handlers = new Map<string, Promise<Handler>>();

export function loadHandler(name: string): Promise<Handler> {
  let h = handlers.get(name);
  if (!h) {
    h = import(pathToFileURL(join(FUNCTIONS_DIR, `${name}.ts`)).href).then(
      (m: { handler: Handler }) => m.handler,
    );
    handlers.set(name, h);
  }
  return h;
}

export interface ServerOptions {
  issuer: TokenIssuer;
  /** The built storefront (web/dist); absent means API only. */
  staticDir?: string;
  /** Demo people offered by the dev login page. */
  demoUsers?: () => Promise<unknown>;
  log?: (line: Record<string, unknown>) => void;
}

export function createApiServer(opts: ServerOptions): Server {
  return createServer((req, res) => {
    handle(req, res, opts).catch((err: unknown) => {
      opts.log?.({ level: "ERROR", message: "local server error", error: String(err) });
      if (!res.headersSent) send(res, 500, errorBody("INTERNAL"));
      else res.destroy();
    });
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    ...headers,
  });
  res.end(JSON.stringify(body));
}

const error = (code: ErrorCode, message?: string) => errorBody(code, message);

async function handle(req: IncomingMessage, res: ServerResponse, opts: ServerOptions) {
  const url = new URL(req.url ?? "/", "http://localhost");
  const method = (req.method ?? "GET").toUpperCase();
  if (!url.pathname.startsWith("/api/") && url.pathname !== "/api")
    return serveStatic(req, res, url, opts.staticDir);

  if (url.pathname === "/api/dev/login" || url.pathname === "/api/dev/users")
    return devRoutes(req, res, url, method, opts);

  const candidates = ROUTES.filter((r) => matchPath(r.path, url.pathname) !== null);
  const route: Route | undefined = candidates.find((r) => r.method === method);
  if (!route) {
    if (candidates.length) {
      return send(res, 405, error("METHOD_NOT_ALLOWED"), {
        allow: candidates.map((r) => r.method).join(", "),
      });
    }
    return send(res, 404, error("NOT_FOUND", "没有这个接口"));
  }
  const body = await readBody(req);
  if (body === null) return send(res, 413, error("PAYLOAD_TOO_LARGE", "请求内容过大"));

  let claims: Record<string, string> | undefined;
  if (route.access !== "public") {
    const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? "")?.[1];
    if (!token) return send(res, 401, error("UNAUTHORIZED"));
    try {
      claims = flattenClaims(await opts.issuer.verify(token));
    } catch {
      return send(res, 401, error("UNAUTHORIZED", "登录已失效，请重新登录"));
    }
  }
  const event = toEvent(req, url, route, body, claims);
  const started = Date.now();
  const handler = await loadHandler(route.handler);
  const result = await handler(event, lambdaContext(route, event.requestContext.requestId));
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

function readBody(req: IncomingMessage): Promise<Buffer | null> {
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

const TEXT_TYPES = /^(application\/(json|.*\+json|x-www-form-urlencoded|xml|javascript)|text\/)/i;

/** The API Gateway HTTP API payload format 2.0 event, as documented. */
export function toEvent(
  req: IncomingMessage,
  url: URL,
  route: Route,
  body: Buffer,
  claims: Record<string, string> | undefined,
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined || k === "cookie") continue;
    headers[k.toLowerCase()] = Array.isArray(v) ? v.join(",") : v;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const now = Date.now();
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

function lambdaContext(route: Route, requestId: string): Context {
  const deadline = Date.now() + 29_000;
  const name = `wangtao-${route.handler.replace(/\//g, "-")}`;
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

async function devRoutes(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  method: string,
  opts: ServerOptions,
) {
  if (url.pathname === "/api/dev/users") {
    if (method !== "GET") return send(res, 405, error("METHOD_NOT_ALLOWED"), { allow: "GET" });
    return send(res, 200, { items: (await opts.demoUsers?.()) ?? [] });
  }
  if (method !== "POST") return send(res, 405, error("METHOD_NOT_ALLOWED"), { allow: "POST" });
  const body = await readBody(req);
  if (body === null || body.length > 64 * 1024) return send(res, 413, error("PAYLOAD_TOO_LARGE"));
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    return send(res, 400, error("MALFORMED_JSON"));
  }
  const login = DevLogin.safeParse(json);
  if (!login.success) {
    const details = login.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    return send(res, 400, errorBody("VALIDATION_FAILED", "登录信息有误", details));
  }
  return send(res, 200, { token: await opts.issuer.issue(login.data) });
}

// ---------- static storefront ----------

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
  ".woff2": "font/woff2",
};
const COMPRESSIBLE = new Set([".html", ".css", ".js", ".mjs", ".json", ".svg", ".txt", ".webmanifest"]);
const compressed = new Map<string, { br: Buffer; gzip: Buffer; mtime: number }>();

function serveStatic(req: IncomingMessage, res: ServerResponse, url: URL, staticDir?: string) {
  if (!staticDir || !existsSync(staticDir)) {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(
      "<!doctype html><meta charset=utf-8><title>网淘</title><p>网淘 API is running. Run <code>npm run build</code> for the storefront.</p>",
    );
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    pathname = "/";
  }
  const root = resolve(staticDir);
  const candidates = pathname.endsWith("/")
    ? [join(pathname, "index.html")]
    : [pathname, `${pathname}.html`, join(pathname, "index.html")];
  let file: string | undefined;
  for (const c of candidates) {
    const full = resolve(root, `.${normalize(`/${c}`)}`);
    if (!full.startsWith(root)) continue;
    if (existsSync(full) && statSync(full).isFile()) {
      file = full;
      break;
    }
  }
  let status = 200;
  if (!file) {
    status = 404;
    const notFound = join(root, "404.html");
    if (!existsSync(notFound)) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      res.end("404");
      return;
    }
    file = notFound;
  }
  const ext = extname(file);
  const headers: Record<string, string> = {
    "content-type": TYPES[ext] ?? "application/octet-stream",
    "cache-control": file.includes(`${join(root, "_astro")}`)
      ? "public, max-age=31536000, immutable"
      : "no-cache",
    "x-content-type-options": "nosniff",
    vary: "accept-encoding",
  };
  if (COMPRESSIBLE.has(ext)) {
    const mtime = statSync(file).mtimeMs;
    let entry = compressed.get(file);
    if (!entry || entry.mtime !== mtime) {
      const raw = readFileSync(file);
      entry = { br: brotliCompressSync(raw), gzip: gzipSync(raw), mtime };
      compressed.set(file, entry);
    }
    const accept = String(req.headers["accept-encoding"] ?? "");
    if (/\bbr\b/.test(accept)) {
      res.writeHead(status, {
        ...headers,
        "content-encoding": "br",
        "content-length": String(entry.br.length),
      });
      res.end(req.method === "HEAD" ? undefined : entry.br);
      return;
    }
    if (/\bgzip\b/.test(accept)) {
      res.writeHead(status, {
        ...headers,
        "content-encoding": "gzip",
        "content-length": String(entry.gzip.length),
      });
      res.end(req.method === "HEAD" ? undefined : entry.gzip);
      return;
    }
  }
  res.writeHead(status, headers);
  if (req.method === "HEAD") res.end();
  else createReadStream(file).pipe(res);
}
