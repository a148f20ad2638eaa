/**
 * The local stand-in for CloudFront + API Gateway + Lambda: one Node HTTP server on
 * one origin, in three parts: `/api/dev/*` is local auth (dev-auth.ts), every other
 * `/api/*` goes through the API Gateway emulation to the route's handler (apigw.ts),
 * and everything else is the built storefront (static.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { errorBody } from "../../shared/errors.ts";
import { type GatewayOptions, gateway, send } from "./apigw.ts";
import { type DevAuthOptions, devAuth, isDevAuthPath } from "./dev-auth.ts";
import { serveStatic } from "./static.ts";

export { loadHandler, toEvent } from "./apigw.ts";

export interface ServerOptions extends GatewayOptions, DevAuthOptions {
  /** The built storefront (web/dist); absent means API only. */
  staticDir?: string;
}

/** When each connection was accepted: its first request's bytes were on their way from then. */
const connectedAt = new WeakMap<Socket, number>();

/**
 * When a request reached the server, as API Gateway dates it (requestContext.timeEpoch):
 * on a new connection, the moment it was accepted; on a kept-alive one, the moment the
 * request's head was read. Taken before anything else is done with the request (body,
 * JWT, handler), so a request that then waits for the CPU keeps its place.
 */
function arrival(req: IncomingMessage): number {
  const at = connectedAt.get(req.socket);
  if (at === undefined) return Date.now();
  connectedAt.delete(req.socket);
  return at;
}

export function createApiServer(opts: ServerOptions): Server {
  const server = createServer((req, res) => {
    const arrivedAt = arrival(req);
    answer(req, res, opts, arrivedAt).catch((err: unknown) => {
      opts.log?.({ level: "ERROR", message: "local server error", error: String(err) });
      if (!res.headersSent) send(res, 500, errorBody("INTERNAL"));
      else res.destroy();
    });
  });
  server.on("connection", (socket: Socket) => connectedAt.set(socket, Date.now()));
  return server;
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  opts: ServerOptions,
  arrivedAt: number,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (!url.pathname.startsWith("/api/") && url.pathname !== "/api")
    return serveStatic(req, res, url, opts.staticDir);
  if (isDevAuthPath(url.pathname)) return devAuth(req, res, url, opts);
  return gateway(req, res, url, opts, arrivedAt);
}
