/**
 * The local stand-in for CloudFront + API Gateway + Lambda: one Node HTTP server on
 * one origin, in three parts: `/api/dev/*` is local auth (dev-auth.ts), every other
 * `/api/*` goes through the API Gateway emulation to the route's handler (apigw.ts),
 * and everything else is the built storefront (static.ts). In front of the API, as
 * AWS WAF is deployed, the per-caller rate rule on joins (rate-rule.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { errorBody } from "../../shared/errors.ts";
import { JOIN_RATE } from "../../shared/trust.ts";
import { type GatewayOptions, gateway, send, sendError } from "./apigw.ts";
import { type DevAuthOptions, devAuth, isDevAuthPath } from "./dev-auth.ts";
import { isPhotoPath, servePhoto } from "./photos.ts";
import { joinRateRule, type RateRule } from "./rate-rule.ts";
import { serveStatic } from "./static.ts";

export { loadHandler, toEvent } from "./apigw.ts";

export interface ServerOptions extends GatewayOptions, DevAuthOptions {
  /** The built storefront (web/dist); absent means API only. */
  staticDir?: string;
}

export function createApiServer(opts: ServerOptions): Server {
  const rule = joinRateRule();
  return createServer((req, res) => {
    answer(req, res, opts, rule).catch((err: unknown) => {
      opts.log?.({ level: "ERROR", message: "local server error", error: String(err) });
      if (!res.headersSent) send(res, 500, errorBody("INTERNAL"));
      else res.destroy();
    });
  });
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  opts: ServerOptions,
  rule: RateRule,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (!rule.admit((req.method ?? "GET").toUpperCase(), url.pathname, req.headers)) {
    req.resume();
    return sendError(res, "RATE_LIMITED", { headers: { "retry-after": String(JOIN_RATE.windowSeconds) } });
  }
  if (isPhotoPath(url.pathname)) return servePhoto(res, url.pathname);
  if (!url.pathname.startsWith("/api/") && url.pathname !== "/api")
    return serveStatic(req, res, url, opts.staticDir);
  if (isDevAuthPath(url.pathname)) return devAuth(req, res, url, opts);
  return gateway(req, res, url, opts);
}
