/**
 * The http wrapper every handler uses: middy with small single-purpose
 * middlewares, in order: errors (last to run) → body limit → JSON body →
 * authorize → validate → handler. A handler only maps parsed input to a reply,
 * and the type checker holds that reply to the route's response schema: a missing,
 * mistyped or extra field does not compile.
 */
import middy, { type MiddlewareObj } from "@middy/core";
import httpHeaderNormalizer from "@middy/http-header-normalizer";
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from "aws-lambda";
import type * as z from "zod/mini";
import { useIssueWords } from "../../shared/issue-words.ts";
import { type ROUTES, type Route, type RouteHandler, routeFor } from "../../shared/routes.ts";
import { IdParams, NoQuery } from "../../shared/schemas.ts";
import {
  MalformedJson,
  PayloadTooLarge,
  Unauthorized,
  UnsupportedMediaType,
  ValidationFailed,
} from "../domain/errors.ts";
import { authorize, type User, userFromClaims } from "./auth.ts";
import { errorResponse, json } from "./errors.ts";
import { logger } from "./logger.ts";

// A validation issue's default words in the details, as classic zod gave them.
useIssueWords();

export const MAX_BODY_BYTES = 64 * 1024;

type Event = APIGatewayProxyEventV2WithJWTAuthorizer & { parsed?: { body?: unknown; user: User | null } };
type Result = APIGatewayProxyStructuredResultV2;

type RouteOf<N extends RouteHandler> = Extract<(typeof ROUTES)[number], { handler: N }>;
type Out<R, K extends string> = R extends { [P in K]: infer T extends z.ZodMiniType }
  ? z.output<T>
  : undefined;
type Params<R> = R extends { params: infer T extends z.ZodMiniType }
  ? z.output<T>
  : R extends { path: `${string}{id}${string}` }
    ? { id: string }
    : undefined;

export interface Input<R> {
  body: Out<R, "body">;
  query: Out<R, "query">;
  params: Params<R>;
  /** The caller, or null on a public route called without a token. */
  user: User | null;
  /** The caller on a route that requires one (access other than public). */
  caller: User;
  headers: Record<string, string | undefined>;
  requestId: string;
  /** When the request reached API Gateway (its requestContext.timeEpoch): a join's place in the queue. */
  receivedAt: Date;
}

export interface Reply<B = unknown> {
  status?: number;
  body?: B;
  headers?: Record<string, string>;
  /** Send `body` as-is (a string) rather than JSON. */
  raw?: boolean;
}

/** A 200 (or the route's status) with `body` as JSON; `http()` checks the body against the route's response schema. */
export const ok = <B>(body: B, headers?: Record<string, string>): Reply<B> & { body: B } => ({
  body,
  ...(headers ? { headers } : {}),
});

/** A file to download (a CSV, a calendar): sent as-is, never cached. */
export const file = (body: string, contentType: string, filename: string): Reply<string> => ({
  raw: true,
  body,
  headers: {
    "content-type": `${contentType}; charset=utf-8`,
    "content-disposition": `attachment; filename="${filename}"`,
    "cache-control": "no-store",
  },
});

/** What a route's response schema accepts (the schema parses it): z.input, not z.output. */
type ResponseBody<R> = R extends { response: infer S extends z.ZodMiniType } ? z.input<S> : unknown;
type KeysOf<S> = S extends object ? keyof S : never;
type ValueAt<S, K> = S extends object ? (K extends keyof S ? S[K] : never) : never;
type ElementOf<S> = Extract<S, readonly unknown[]> extends readonly (infer E)[] ? E : never;
/** The paths of the fields of T, at any depth, that S does not have (never when none). */
type Extra<T, S, P extends string = "body"> = unknown extends S
  ? never
  : T extends readonly (infer E)[]
    ? Extra<E, ElementOf<S>, `${P}[]`>
    : T extends object
      ? {
          [K in keyof T & string]-?: K extends KeysOf<S>
            ? Extra<T[K], ValueAt<S, K>, `${P}.${K}`>
            : `${P}.${K}`;
        }[keyof T & string]
      : never;
/**
 * A reply's body fits its route: the response schema accepts it and it has no field
 * the schema (and so the OpenAPI document) leaves out. Routes without a response
 * schema (files, 204s, the OpenAPI document itself) take any body.
 */
type Fits<B, R> = R extends { response: z.ZodMiniType }
  ? [B] extends [ResponseBody<R>]
    ? [Extra<B, ResponseBody<R>>] extends [never]
      ? unknown
      : { body: `not in the response schema: ${Extra<B, ResponseBody<R>>}` }
    : { body: ResponseBody<R> }
  : unknown;

const errors = (): MiddlewareObj<Event, Result> => ({
  name: "errors",
  onError: (request) => {
    const { response, expected } = errorResponse(request.error);
    if (!expected)
      logger.error("unhandled error", {
        error: request.error as Error,
        requestId: request.context.awsRequestId,
      });
    else if (response.statusCode === 503)
      logger.warn("database unavailable", { error: request.error as Error });
    request.response = response;
  },
});

/** One structured log line per request, with its request id and route (no shared state between requests). */
const requestLog = (route: Route): MiddlewareObj<Event, Result> => {
  const started = new WeakMap<object, number>();
  const done = ({
    event,
    context,
    response,
  }: {
    event: Event;
    context: Context;
    response: Result | null | undefined;
  }) =>
    logger.info("handled", {
      requestId: context.awsRequestId,
      route: `${route.method} ${route.path}`,
      status: response?.statusCode,
      ms: Date.now() - (started.get(event) ?? Date.now()),
    });
  return {
    name: "requestLog",
    before: ({ event }) => {
      started.set(event, Date.now());
    },
    after: done,
    onError: done,
  };
};

const bodyLimit = (): MiddlewareObj<Event, Result> => ({
  name: "bodyLimit",
  before: ({ event }) => {
    if (event.body === undefined || event.body === null) return;
    const bytes = event.isBase64Encoded ? Buffer.from(event.body, "base64") : Buffer.from(event.body, "utf8");
    if (bytes.byteLength > MAX_BODY_BYTES) throw new PayloadTooLarge();
    if (event.isBase64Encoded) {
      event.body = bytes.toString("utf8");
      event.isBase64Encoded = false;
    }
  },
});

const jsonBody = (): MiddlewareObj<Event, Result> => ({
  name: "jsonBody",
  before: ({ event }) => {
    const raw = event.body ?? "";
    event.parsed = { user: null };
    if (raw.trim() === "") return;
    const type = event.headers["content-type"] ?? "application/json";
    if (!/^application\/(.+\+)?json\b/i.test(type)) throw new UnsupportedMediaType();
    try {
      event.parsed.body = JSON.parse(raw);
    } catch {
      throw new MalformedJson();
    }
  },
});

const authorization = (route: Route): MiddlewareObj<Event, Result> => ({
  name: "authorize",
  before: ({ event }) => {
    const user = userFromClaims(event.requestContext.authorizer?.jwt?.claims);
    event.parsed ??= { user: null };
    event.parsed.user = authorize(route.access, user);
  },
});

function parse<T extends z.ZodMiniType | undefined>(schema: T, value: unknown, where: string) {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((i) => ({
    in: where,
    path: i.path.join("."),
    message: i.message,
    code: i.code,
  }));
  throw new ValidationFailed(`请检查填写的内容：${details[0]?.message ?? ""}`, details);
}

/**
 * Build the Lambda handler of the route whose handler module is `name`: its
 * access rule and schemas come from the route table. Unknown query parameters are
 * ignored; a body on a route that takes none is refused.
 */
export function http<N extends RouteHandler, B>(
  name: N,
  fn: (input: Input<RouteOf<N>>) => Promise<Reply<B> & Fits<B, RouteOf<N>>>,
) {
  const route: Route = routeFor(name);
  const schemas = {
    body: route.body,
    query: route.query ?? NoQuery,
    params: route.params ?? (route.path.includes("{id}") ? IdParams : undefined),
  };
  return middy<Event, Result, Error, Context>()
    .use(requestLog(route))
    .use(errors())
    .use(httpHeaderNormalizer())
    .use(bodyLimit())
    .use(jsonBody())
    .use(authorization(route))
    .handler(async (event, context) => {
      const body = event.parsed?.body;
      if (!schemas.body && body !== undefined) throw new ValidationFailed("此接口不接受请求内容");
      const user = event.parsed?.user ?? null;
      const input = {
        // JSON `null` is a body, and a wrong one: only an absent body counts as `{}`.
        body: parse(schemas.body, body === undefined ? (schemas.body ? {} : undefined) : body, "body"),
        query: parse(schemas.query, event.queryStringParameters ?? {}, "query"),
        params: parse(schemas.params, event.pathParameters ?? {}, "path"),
        user,
        get caller(): User {
          if (!user) throw new Unauthorized();
          return user;
        },
        headers: event.headers,
        requestId: context.awsRequestId,
        receivedAt: new Date(event.requestContext?.timeEpoch ?? Date.now()),
      } as Input<RouteOf<N>>;
      const reply = await fn(input);
      const status = reply.status ?? route.status ?? 200;
      if (status === 204) return { statusCode: 204, headers: { "cache-control": "no-store" } };
      if (reply.raw) return { statusCode: status, headers: reply.headers ?? {}, body: String(reply.body) };
      return json(status, reply.body, reply.headers);
    });
}
