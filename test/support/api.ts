/**
 * The real local server on a free port, against this test file's table, with a
 * client that logs in through the local token issuer exactly as the storefront does.
 * Every JSON answer is checked against what the route table promises (and so the
 * OpenAPI document): a success against the route's response schema, strictly (a
 * field the schema leaves out fails), an error against the API.md error format.
 */

import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type * as z from "zod/mini";
import type { HandlerLoader } from "../../infra/local/apigw.ts";
import { type LocalS3, startLocalS3 } from "../../infra/local/s3.ts";
import { createApiServer } from "../../infra/local/server.ts";
import { startStreamPoller } from "../../infra/local/stream.ts";
import { createIssuer } from "../../infra/local/tokens.ts";
import { ApiError, GatewayUnauthorized } from "../../shared/errors.ts";
import { matchPath, ROUTES, type Route } from "../../shared/routes.ts";
import { countRequestCommandsOnly } from "./request-commands.ts";

export interface Person {
  sub: string;
  role: "resident" | "volunteer" | "admin" | "staff";
  name?: string;
  community?: string;
  branch?: string;
  /** The account's phone, and whether it is verified (as Cognito's phone_number_verified). */
  phone?: string;
  phoneVerified?: boolean;
}

export interface TestApi {
  url: string;
  close(): Promise<void>;
  /** The local S3 (photos), when started with `photos: true`. */
  s3?: LocalS3;
  /** Resolves once every photo upload so far has been processed (the S3 events' handler has returned). */
  photosProcessed(): Promise<void>;
  /** Resolves once every change committed before the call is projected from the stream (derived data). */
  settle(timeoutMs?: number): Promise<void>;
  login(person: Person): Promise<string>;
  request(
    method: string,
    path: string,
    opts?: { body?: unknown; raw?: string; token?: string; headers?: Record<string, string> },
  ): Promise<{
    status: number;
    body: any;
    headers: Headers;
    text: string;
  }>;
}

export interface StartOptions {
  staticDir?: string;
  /** Handlers other than functions/' own (a test of the checks themselves). */
  loadHandler?: HandlerLoader;
  /** The JWT authorizer's 401: see GatewayOptions; `gateway` (as deployed) unless given. */
  unauthorized?: "gateway" | "api";
  /** Also run the local S3 (s3rver behind its policy gate) with its uploads processed, as `npm start` does. */
  photos?: boolean;
}

export async function startApi(opts: StartOptions = {}): Promise<TestApi> {
  const issuer = await createIssuer();
  let s3: LocalS3 | undefined;
  let s3Dir: string | undefined;
  if (opts.photos) {
    process.env.PHOTOS_BUCKET ??= "wangtao-photos";
    s3Dir = mkdtempSync(join(tmpdir(), "wangtao-s3-"));
    s3 = await startLocalS3({
      directory: s3Dir,
      bucket: process.env.PHOTOS_BUCKET,
      onUpload: async (event) => (await import("../../functions/photos/process.ts")).handler(event),
      log: (m) => console.error(m),
    });
    process.env.S3_ENDPOINT = s3.endpoint;
  }
  const server = createApiServer({
    issuer,
    staticDir: opts.staticDir ?? resolve(import.meta.dirname, "../../web/dist"),
    demoUsers: async () => (await import("../../infra/local/demo-district.ts")).demoPeople(),
    // Deployed, API Gateway's JWT authorizer answers a missing or bad token itself with
    // {"message":"Unauthorized"}, before any handler runs; the tests see what residents'
    // browsers will (the storefront's client reads both bodies).
    unauthorized: opts.unauthorized ?? "gateway",
    ...(opts.loadHandler ? { loadHandler: opts.loadHandler } : {}),
  });
  // The client (fetch) keeps connections open about 4 s, on coarse timers; the server's default 5 s
  // leaves a race on a busy machine (a request sent on a socket the server just closed: ECONNRESET).
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The stream projectors, as Lambda's event source mapping runs them deployed.
  await countRequestCommandsOnly();
  const poller = startStreamPoller({
    endpoint: process.env.DYNAMODB_ENDPOINT ?? "",
    tableName: process.env.TABLE_NAME ?? "",
    log: (l) => {
      if (l.level === "ERROR") console.error(`stream: ${JSON.stringify(l)}`);
    },
  });
  const api: TestApi = {
    url,
    ...(s3 ? { s3 } : {}),
    photosProcessed: async () => {
      // The local S3 hands an upload's event on as it answers the upload; then wait for its handling.
      await new Promise((r) => setTimeout(r, 20));
      await s3?.settle();
    },
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await poller.stop();
      await s3?.stop();
      if (s3Dir) rmSync(s3Dir, { recursive: true, force: true });
    },
    settle: (timeoutMs) => poller.settle(timeoutMs),
    login: async (p) => {
      const res = await api.request("POST", "/api/dev/login", { body: { name: p.sub, ...p } });
      if (res.status !== 200) throw new Error(`login failed: ${res.text}`);
      return res.body.token as string;
    },
    request: async (method, path, o = {}) => {
      const headers: Record<string, string> = { ...o.headers };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      let body: string | undefined;
      if (o.raw !== undefined) body = o.raw;
      else if (o.body !== undefined) body = JSON.stringify(o.body);
      if (body !== undefined) headers["content-type"] ??= "application/json";
      const res = await fetch(`${url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON (CSV, HTML): leave as text
      }
      const problems = responseProblems(method, path, res.status, res.headers.get("content-type"), parsed);
      if (problems.length)
        throw new Error(
          `${method} ${path} → ${res.status} breaks its contract: ${problems.join("; ")}\n${text}`,
        );
      return { status: res.status, body: parsed, headers: res.headers, text };
    },
  };
  return api;
}

/** The route a request reaches, as the local API Gateway picks it. */
export function routeOf(method: string, path: string): Route | undefined {
  const pathname = new URL(path, "http://localhost").pathname;
  return ROUTES.find((r) => r.method === method.toUpperCase() && matchPath(r.path, pathname) !== null);
}

/**
 * What is wrong with an answer, against the route table: a JSON success must parse
 * with the route's response schema and carry no field it leaves out; a JSON error
 * must be the API.md error format with a code of shared/errors.ts (or API Gateway's
 * own 401 body). Empty, non-JSON and non-API answers are not checked here.
 */
export function responseProblems(
  method: string,
  path: string,
  status: number,
  contentType: string | null,
  body: unknown,
): string[] {
  if (!path.startsWith("/api/") || body === undefined || !/^application\/json\b/i.test(contentType ?? ""))
    return [];
  if (status >= 400) {
    if (status === 401 && GatewayUnauthorized.safeParse(body).success) return [];
    return problemsWith(ApiError, body);
  }
  const schema: z.ZodMiniType | undefined = (
    routeOf(method, path) as { response?: z.ZodMiniType } | undefined
  )?.response;
  return schema ? problemsWith(schema, body) : [];
}

function problemsWith(schema: z.ZodMiniType, body: unknown): string[] {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    return parsed.error.issues.map((i) => `${["body", ...i.path.map(String)].join(".")}: ${i.message}`);
  return strays(body, parsed.data, "body").map((p) => `${p} is not in the response schema`);
}

/** Fields of `sent` that parsing dropped (zod objects strip unknown keys): those the schema leaves out. */
function strays(sent: unknown, kept: unknown, path: string): string[] {
  if (Array.isArray(sent) && Array.isArray(kept))
    return sent.flatMap((v, i) => strays(v, kept[i], `${path}[${i}]`));
  if (isObject(sent) && isObject(kept))
    return Object.keys(sent).flatMap((k) =>
      Object.hasOwn(kept, k) ? strays(sent[k], kept[k], `${path}.${k}`) : [`${path}.${k}`],
    );
  return [];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
