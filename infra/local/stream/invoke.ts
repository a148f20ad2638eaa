/**
 * Running a consumer's handler (functions/<name>.ts, the module that deploys to
 * Lambda) on a batch, as its Lambda would run: with a Lambda context and a timeout,
 * inside `streamInvocation()`'s context and on the projectors' own DynamoDB
 * connections (a projector is a Lambda of its own deployed, and must not queue behind
 * the API's requests for a socket here).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import type { StreamConsumer } from "../../../shared/stream.ts";
import { lambdaContext } from "../apigw.ts";
import { ownConnections as projectorLane, splitConnections } from "../connections.ts";
import { firstFailure } from "./batch.ts";

export const FUNCTIONS_DIR = resolve(import.meta.dirname, "../../../functions");

type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<unknown>;
/** How a batch went: the index of the lowest failed record (undefined: all done), and why. */
export interface Outcome {
  failedAt?: number;
  error?: string;
}
export type Invoke = (consumer: StreamConsumer, records: DynamoDBRecord[]) => Promise<Outcome>;

const handlers = new Map<string, Promise<StreamHandler>>();
const invocation = new AsyncLocalStorage<string>();
let lanes: Promise<AsyncLocalStorage<string>> | undefined;

/**
 * The stream function whose work is running in the current async context, if any.
 * Deployed it is a Lambda of its own; locally it shares the process with the API, so
 * whatever counts one request's DynamoDB commands can leave the projector's out.
 */
export const streamInvocation = (): string | undefined => invocation.getStore();

/** Give the handlers' DynamoDB client its two pools (see connections.ts); imported once, when first needed. */
export function projectorConnections(): Promise<AsyncLocalStorage<string>> {
  lanes ??= import(pathToFileURL(join(FUNCTIONS_DIR, "lib/db.ts")).href).then(
    (m: Parameters<typeof splitConnections>[0]) => {
      splitConnections(m);
      return projectorLane;
    },
  );
  return lanes;
}

/** Run `fn` as stream function `name`: in its invocation context, on the projectors' connections. */
export async function runAs<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const own = await projectorConnections();
  return invocation.run(name, () => own.run(name, fn));
}

/** functions/<name>.ts's `handler`, imported once, as the local server loads route handlers. */
function loadStreamHandler(name: string): Promise<StreamHandler> {
  let h = handlers.get(name);
  if (!h) {
    h = import(pathToFileURL(join(FUNCTIONS_DIR, `${name}.ts`)).href).then(
      (m: { handler: StreamHandler }) => {
        if (typeof m.handler !== "function") throw new Error(`functions/${name}.ts exports no handler`);
        return m.handler;
      },
    );
    h.catch(() => handlers.delete(name));
    handlers.set(name, h);
  }
  return h;
}

/** An `Invoke` that runs the consumer's own handler; a throw or a timeout fails the whole batch. */
export function handlerInvoke(timeoutMs: number): Invoke {
  return async (consumer, records) => {
    try {
      const handler = await loadStreamHandler(consumer.handler);
      const response = await withTimeout(
        runAs(consumer.handler, () =>
          handler({ Records: records }, lambdaContext(consumer.handler, randomUUID(), timeoutMs)),
        ),
        timeoutMs,
        `${consumer.handler} timed out after ${timeoutMs} ms`,
      );
      const failedAt = firstFailure(response, records);
      if (failedAt === undefined) return {};
      return {
        failedAt,
        error: `batchItemFailures from record ${records[failedAt]?.dynamodb?.SequenceNumber}`,
      };
    } catch (err) {
      return { failedAt: 0, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
    }
  };
}

export function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
