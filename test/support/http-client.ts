/**
 * A load test's HTTP client: node:http over a keep-alive pool opened in advance, so
 * requests fired together leave on connections that already exist and reach the
 * server in the order they were sent (fetch opens a new connection per concurrent
 * request, and hundreds of connections opened at once are accepted in any order,
 * seconds apart). Each request has a deadline: past it the answer is status 0.
 */
import { Agent, request as httpRequest } from "node:http";

export interface Answer {
  /** 0: no answer before the deadline, or the connection failed. */
  status: number;
  body: any;
  text: string;
  /** Why there was no answer (status 0). */
  error?: string;
}

export interface SendOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export interface LoadClient {
  /** Open `n` connections now (n concurrent GET /api/health) and keep them for the requests to come. */
  warm(n: number): Promise<void>;
  send(method: string, path: string, opts?: SendOptions): Promise<Answer>;
  close(): void;
}

/**
 * `cold`: instead, every request on a connection of its own, opened for it and closed
 * after (as phones join: no pool, nothing warmed); `warm` then does nothing.
 */
export function loadClient(base: string, sockets = 500, opts: { cold?: boolean } = {}): LoadClient {
  // Idle connections are dropped after 4 s, before the server's keep-alive timeout (5 s)
  // can close one under a request that reuses it.
  const agent = new Agent({
    keepAlive: true,
    maxSockets: sockets,
    maxFreeSockets: sockets,
    scheduling: "fifo",
    timeout: 4_000,
  });
  const url = new URL(base);
  const cold = opts.cold === true;
  const send = (method: string, path: string, opts: SendOptions = {}, retried = false): Promise<Answer> =>
    new Promise<Answer>((resolve) => {
      const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
      let done = false;
      const finish = (a: Answer | Promise<Answer>) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve(a);
      };
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          method,
          path,
          agent: cold ? false : agent,
          headers: {
            ...(payload === undefined
              ? {}
              : { "content-type": "application/json", "content-length": Buffer.byteLength(payload) }),
            ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
            ...opts.headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            let body: unknown = text;
            try {
              body = text ? JSON.parse(text) : undefined;
            } catch {
              // not JSON
            }
            finish({ status: res.statusCode ?? 0, body, text });
          });
          res.on("error", (err) => finish({ status: 0, body: undefined, text: "", error: String(err) }));
        },
      );
      const timer = setTimeout(() => {
        finish({
          status: 0,
          body: undefined,
          text: "",
          error: `no answer within ${opts.timeoutMs ?? 60_000} ms`,
        });
        req.destroy();
      }, opts.timeoutMs ?? 60_000);
      req.on("error", (err: NodeJS.ErrnoException) => {
        // A kept-alive connection the server closed just as we reused it: the request
        // never reached the server, so send it once more (as Node's documentation advises).
        if (req.reusedSocket && err.code === "ECONNRESET" && !retried) finish(send(method, path, opts, true));
        else finish({ status: 0, body: undefined, text: "", error: String(err) });
      });
      req.end(payload);
    });
  return {
    send: (method, path, opts) => send(method, path, opts),
    async warm(n) {
      if (cold) return;
      await Promise.all(Array.from({ length: n }, () => send("GET", "/api/health")));
    },
    close: () => agent.destroy(),
  };
}
