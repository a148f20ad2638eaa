/**
 * The storefront's one way to the API, typed from the route table (shared/routes.ts):
 * `call(bookingsCreate, { params: { id }, body, headers })`, with the route constant
 * imported from shared/routes.ts. A page imports only the routes it calls, so its
 * bundle holds only their schemas (and zod/mini only the parts those use). The
 * route's zod schemas give the argument and result types; what comes back is parsed
 * with the route's response schema, never cast. Errors are values, with the API.md codes
 * (shared/errors.ts) plus the few only a client meets (no network, throttled, a
 * gateway's own answer, a body that breaks the contract). Routes without a JSON
 * response (the CSV, calendar.ics) give a Blob.
 */
import * as z from "zod/mini";
import { ApiError, ERRORS, type ErrorCode, GatewayUnauthorized } from "../../../shared/errors.ts";
import { TOKEN_STORAGE_KEY } from "../../../shared/roles.ts";
import type { ROUTES, Route } from "../../../shared/routes.ts";
import { auth } from "./auth.ts";

/** A route of the table (a constant of shared/routes.ts). */
export type AnyRoute = (typeof ROUTES)[number];

/** `"/api/listings/{id}/sessions/{sessionId}/roster"` → `"id" | "sessionId"`. */
type ParamNames<P extends string> = P extends `${string}{${infer K}}${infer Rest}`
  ? K | ParamNames<Rest>
  : never;

type ParamsArg<R extends AnyRoute> = [ParamNames<R["path"]>] extends [never]
  ? { params?: never }
  : { params: Record<ParamNames<R["path"]>, string> };
type BodyArg<R extends AnyRoute> = R extends { body: infer S extends z.ZodMiniType }
  ? { body: z.input<S> }
  : { body?: never };
type QueryArg<R extends AnyRoute> = R extends { query: infer S extends z.ZodMiniType }
  ? { query?: z.input<S> }
  : { query?: never };

export type CallArgs<R extends AnyRoute> = ParamsArg<R> &
  BodyArg<R> &
  QueryArg<R> & {
    headers?: Record<string, string>;
    /** Without a token: go and log in (default), or just answer 401 (`false`). */
    login?: boolean;
    /** Past this browser's HTTP cache (a public list read right after a write). */
    fresh?: boolean;
  };

/** What a 2xx carries: the response schema's output, nothing for a 204, a Blob for a file. */
export type CallData<R extends AnyRoute> = R extends { response: infer S extends z.ZodMiniType }
  ? z.output<S>
  : R extends { status: 204 }
    ? undefined
    : Blob;

/** Codes a client meets that the API never answers itself. */
export type ClientCode =
  /** No answer at all (offline, connection reset): status 0. */
  | "NETWORK"
  /** 429 from the gateway's throttling. */
  | "THROTTLED"
  /** A 5xx or other answer from the gateway, not from our functions. */
  | "GATEWAY"
  /** A body that does not match the route's response schema. */
  | "BAD_RESPONSE";

export interface CallError {
  code: ErrorCode | ClientCode;
  message: string;
  details: unknown[];
  /** Seconds, from a 429/503's Retry-After. */
  retryAfter?: number;
}

export type CallResult<R extends AnyRoute> =
  | { ok: true; status: number; data: CallData<R> }
  | { ok: false; status: number; error: CallError };

const MESSAGES: Record<ClientCode, string> = {
  NETWORK: "网络不通，请检查网络后再试",
  THROTTLED: "人太多了，请稍后再试",
  GATEWAY: "服务繁忙，请稍后再试",
  BAD_RESPONSE: "出错了，请稍后再试",
};

const isClientCode = (code: string): code is ClientCode => Object.hasOwn(MESSAGES, code);

function failure(code: ErrorCode | ClientCode, message?: string): CallError {
  return {
    code,
    message: message ?? (isClientCode(code) ? MESSAGES[code] : ERRORS[code].message),
    details: [],
  };
}

function urlOf(route: Route, params: Record<string, string> = {}, query: unknown = {}): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(params[k] ?? ""));
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(typeof query === "object" && query !== null ? query : {})) {
    if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  }
  return q.size ? `${path}?${q}` : path;
}

function retryAfter(res: Response): number | undefined {
  const header = res.headers.get("retry-after");
  const s = header === null ? Number.NaN : Number(header);
  return Number.isFinite(s) && s >= 0 ? s : undefined;
}

/** An error body whose code this build does not know yet: its message is still worth showing. */
const UnknownCode = z.object({ error: z.object({ message: z.string() }) });

/** An error answer: ours (API.md), the JWT authorizer's `{"message":"Unauthorized"}`, or a gateway's. */
function errorOf(res: Response, json: unknown): CallError {
  const ours = ApiError.safeParse(json);
  const unknown = UnknownCode.safeParse(json);
  let err: CallError;
  if (ours.success) err = { ...ours.data.error, details: ours.data.error.details ?? [] };
  else if (unknown.success && res.status !== 401)
    err = failure(res.status >= 500 ? "GATEWAY" : "BAD_RESPONSE", unknown.data.error.message);
  else if (res.status === 401)
    err = failure(
      "UNAUTHORIZED",
      GatewayUnauthorized.safeParse(json).success ? "登录已失效，请重新登录" : "请先登录",
    );
  else if (res.status === 429) err = failure("THROTTLED");
  else err = failure(res.status >= 500 ? "GATEWAY" : "BAD_RESPONSE");
  const after = retryAfter(res);
  if (after !== undefined) err.retryAfter = after;
  return err;
}

async function read(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

interface LooseArgs {
  params?: Record<string, string>;
  body?: unknown;
  /** The query's input type (z.input of a generic route's schema), which TypeScript cannot narrow to an object here. */
  query?: unknown;
  headers?: Record<string, string>;
  login?: boolean;
  fresh?: boolean;
}
type LooseResult =
  | { ok: true; status: number; data: unknown }
  | { ok: false; status: number; error: CallError };

/**
 * A read met by a rush (the gateway's 429, a 502/503/504) or a dropped connection is
 * tried again, since a GET is safe to repeat: twice more, after the Retry-After asked
 * for or a growing jittered pause, at most 4 s each. A page load then rides out a
 * 9:00 rush instead of showing 人太多了. Writes are not repeated here (the join form
 * retries with its Idempotency-Key).
 */
const READ_TRIES = 3;
const RETRY_READ = new Set([429, 502, 503, 504]);
const pauseBeforeTry = (n: number, retryAfterS: number | undefined) =>
  new Promise((r) =>
    setTimeout(
      r,
      Math.min(4000, retryAfterS !== undefined ? retryAfterS * 1000 : 400 * 2 ** n * (0.5 + Math.random())),
    ),
  );

/** Call a route (a constant of shared/routes.ts); the result is typed by the route's schemas. */
export function call<R extends AnyRoute>(
  route: R,
  ...args: object extends CallArgs<R> ? [CallArgs<R>?] : [CallArgs<R>]
): Promise<CallResult<R>>;
export async function call(route: Route, args: LooseArgs = {}): Promise<LooseResult> {
  const headers: Record<string, string> = { accept: "application/json, */*", ...args.headers };
  if (route.access !== "public") {
    const token = auth.getToken();
    if (!token) {
      if (args.login !== false) await auth.login();
      return { ok: false, status: 401, error: failure("UNAUTHORIZED") };
    }
    headers.authorization = `Bearer ${token}`;
  }
  const body = args.body === undefined ? undefined : JSON.stringify(args.body);
  if (body !== undefined) headers["content-type"] = "application/json";
  const tries = route.method === "GET" ? READ_TRIES : 1;
  let res: Response | undefined;
  for (let n = 0; n < tries; n++) {
    if (n > 0) await pauseBeforeTry(n - 1, res ? retryAfter(res) : undefined);
    try {
      res = await fetch(urlOf(route, args.params, args.query), {
        method: route.method,
        headers,
        ...(body !== undefined ? { body } : {}),
        ...(args.fresh ? { cache: "no-cache" as const } : {}),
      });
    } catch {
      res = undefined;
      continue;
    }
    if (!RETRY_READ.has(res.status)) break;
  }
  if (!res) return { ok: false, status: 0, error: failure("NETWORK") };
  if (!res.ok) {
    const error = errorOf(res, await read(res));
    if (res.status === 401 && route.access !== "public") {
      localStorage.removeItem(TOKEN_STORAGE_KEY);
      if (args.login !== false) await auth.login();
    }
    return { ok: false, status: res.status, error };
  }
  if (res.status === 204) return { ok: true, status: 204, data: undefined };
  if (!route.response) return { ok: true, status: res.status, data: await res.blob() };
  const parsed = route.response.safeParse(await read(res));
  if (!parsed.success) return { ok: false, status: res.status, error: failure("BAD_RESPONSE") };
  return { ok: true, status: res.status, data: parsed.data };
}
