/**
 * The local stand-in for CloudFront + API Gateway + Lambda: one Node HTTP server on
 * one origin, in three parts: `/api/dev/*` is local auth (dev-auth.ts), every other
 * `/api/*` goes through the API Gateway emulation to the route's handler (apigw.ts),
 * and everything else is the built storefront (static.ts). In front of the API, as
 * AWS WAF is deployed, the per-caller rate rule on joins (rate-rule.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
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

/** When each connection was accepted: its first request's bytes were on their way from then. */
const connectedAt = new WeakMap<Socket, number>();

let lastStamp = 0;
/** Now, and strictly after the last stamp: arrivals in one busy batch keep their order. */
const stamp = () => {
  const now = Date.now();
  // A clock set back (a test's fake clock restored, NTP) starts the stamps again from it, rather
  // than dating every later request at the old, later time; within a burst they stay ordered.
  lastStamp = now < lastStamp - 1000 ? now : Math.max(now, lastStamp + 1);
  return lastStamp;
};

/**
 * When a request reached the server, as API Gateway dates it (requestContext.timeEpoch):
 * on a new connection, the moment it was accepted; on a kept-alive one, the moment the
 * request's head was read. Taken before anything else is done with the request (body,
 * JWT, handler), so a request that then waits for the CPU keeps its place. Stamps are
 * a millisecond apart at least (a burst runs at most that far ahead of the clock).
 */
function arrival(req: IncomingMessage): number {
  const at = connectedAt.get(req.socket);
  if (at === undefined) return stamp();
  connectedAt.delete(req.socket);
  return at;
}

export function createApiServer(opts: ServerOptions): Server {
  const rule = joinRateRule();
  const server = createServer((req, res) => {
    const arrivedAt = arrival(req);
    answer(req, res, opts, rule, arrivedAt).catch((err: unknown) => {
      opts.log?.({ level: "ERROR", message: "local server error", error: String(err) });
      if (!res.headersSent) send(res, 500, errorBody("INTERNAL"));
      else res.destroy();
    });
  });
  // Stamped strictly increasing: connections accepted in one batch (the loop was busy) keep
  // the order the kernel queued them in, not a tie on the millisecond broken by a random id.
  server.on("connection", (socket: Socket) => connectedAt.set(socket, stamp()));
  return server;
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  opts: ServerOptions,
  rule: RateRule,
  arrivedAt: number,
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
  return gateway(req, res, url, opts, arrivedAt);
}
