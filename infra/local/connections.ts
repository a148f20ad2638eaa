/**
 * Local only (never bundled into a Lambda): the handlers' DynamoDB client
 * (functions/lib/db.ts) gets two connection pools. Deployed, each Lambda container serves one request at a time and a stream
 * projector is a Lambda of its own; locally the API and the projectors share one
 * process, so:
 * - calls made inside `ownConnections` (the stream poller runs each projector so) have
 *   a pool of their own, as a separate Lambda would;
 * - the API keeps at most a few requests in flight to DynamoDB Local, which does one
 *   write at a time (one SQLite file): more only lengthen its queue, and whatever else
 *   needs it (the projection) waits at the back of that queue. The rest of a rush waits
 *   here, in arrival order. (Measured: a 500-join rush's projection lag p99 11.9 s with
 *   50 in flight, 0.35 s with 8; the joins themselves no slower.)
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { HttpHandlerOptions } from "@smithy/types";

const API_SOCKETS = Number(process.env.DYNAMODB_LOCAL_SOCKETS ?? 8);

class LaneHandler extends NodeHttpHandler {
  readonly #own = new NodeHttpHandler();
  readonly #lane: AsyncLocalStorage<string>;
  constructor(lane: AsyncLocalStorage<string>) {
    // Requests waiting for one of these sockets is the point, not a warning.
    super({ httpAgent: { maxSockets: API_SOCKETS }, socketAcquisitionWarningTimeout: 3_600_000 });
    this.#lane = lane;
  }
  override handle(request: Parameters<NodeHttpHandler["handle"]>[0], options?: HttpHandlerOptions) {
    return this.#lane.getStore() ? this.#own.handle(request, options) : super.handle(request, options);
  }
  override destroy() {
    this.#own.destroy();
    super.destroy();
  }
}

/** Code run inside this is a stream projector's: its DynamoDB calls use the projectors' own pool. */
export const ownConnections = new AsyncLocalStorage<string>();

/** Give the handlers' client (`ddb` of functions/lib/db.ts) its two pools; once. */
export function splitConnections(db: { ddb: { config: { requestHandler?: unknown } } }): void {
  if (db.ddb.config.requestHandler instanceof LaneHandler) return;
  db.ddb.config.requestHandler = new LaneHandler(ownConnections);
}
