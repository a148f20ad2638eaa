/**
 * fetch for /api on the same origin: JSON in and out, the bearer token when the
 * call needs a user, and the API's error body turned into an ApiError.
 */
import { auth } from "./auth.ts";

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown[];
  constructor(status: number, code: string, message: string, details: unknown[] = []) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export interface ApiOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  /** Send the token; without one, go and log in first (and come back). */
  auth?: boolean;
  headers?: Record<string, string>;
}

export async function api<T>(path: string, opts: ApiOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", ...opts.headers };
  if (opts.auth) {
    const token = auth.getToken();
    if (!token) {
      await auth.login();
      throw new ApiError(401, "UNAUTHORIZED", "请先登录");
    }
    headers.authorization = `Bearer ${token}`;
  }
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method: opts.method ?? "GET",
      headers,
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    });
  } catch {
    throw new ApiError(0, "NETWORK", "网络不通，请检查网络后再试");
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const e = (json as { error?: { code?: string; message?: string; details?: unknown[] } } | undefined)
      ?.error;
    if (res.status === 401 && opts.auth) {
      localStorage.removeItem("wt.token");
      await auth.login();
    }
    throw new ApiError(
      res.status,
      e?.code ?? `HTTP_${res.status}`,
      e?.message ?? "出错了，请稍后再试",
      e?.details,
    );
  }
  return json as T;
}

/** A message fit to show a resident. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return "出错了，请稍后再试";
}
