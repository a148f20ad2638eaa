/**
 * The real local server on a free port, against this test file's table, with a
 * client that logs in through the local token issuer exactly as the storefront does.
 */
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { createApiServer } from "../../infra/local/server.ts";
import { startStreamPoller } from "../../infra/local/stream.ts";
import { createIssuer } from "../../infra/local/tokens.ts";
import { countRequestCommandsOnly } from "./request-commands.ts";

export interface Person {
  sub: string;
  role: "resident" | "volunteer" | "admin";
  name?: string;
  community?: string;
  branch?: string;
}

export interface TestApi {
  url: string;
  close(): Promise<void>;
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

export async function startApi(opts: { staticDir?: string } = {}): Promise<TestApi> {
  const issuer = await createIssuer();
  const server = createApiServer({
    issuer,
    staticDir: opts.staticDir ?? resolve(import.meta.dirname, "../../web/dist"),
    demoUsers: async () => (await import("../../infra/local/demo.ts")).demoPeople(),
  });
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
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await poller.stop();
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
      return { status: res.status, body: parsed, headers: res.headers, text };
    },
  };
  return api;
}
