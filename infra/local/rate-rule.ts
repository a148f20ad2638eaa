/**
 * The per-caller rate rule on joins, as AWS WAF applies it deployed (infra/waf.ts),
 * from the same constant (shared/trust.ts JOIN_RATE): requests to the join route are
 * counted per Authorization header over a sliding window, and past the limit the
 * gateway answers 429 RATE_LIMITED in the API's error format before any function
 * runs. A request without the header is not counted (WAF leaves out a request that
 * lacks its aggregation key); API Gateway's authorizer refuses it anyway.
 */
import { JOIN_RATE, pathPattern } from "../../shared/trust.ts";

const JOIN_PATH = new RegExp(pathPattern(JOIN_RATE.path));
/** Past this many callers kept, the stale ones are dropped. */
const PRUNE_AT = 10_000;

export interface RateRule {
  /** Whether this request may pass (and count it); false: answer 429. */
  admit(method: string, path: string, headers: Record<string, string | string[] | undefined>): boolean;
}

export function joinRateRule(now: () => number = Date.now): RateRule {
  const seen = new Map<string, number[]>();
  const windowMs = JOIN_RATE.windowSeconds * 1000;
  return {
    admit(method, path, headers) {
      if (method !== JOIN_RATE.method || !JOIN_PATH.test(path)) return true;
      const raw = headers[JOIN_RATE.header];
      const key = Array.isArray(raw) ? raw.join(",") : raw;
      if (!key) return true;
      const t = now();
      if (seen.size > PRUNE_AT)
        for (const [k, times] of seen) if ((times.at(-1) ?? 0) <= t - windowMs) seen.delete(k);
      const times = (seen.get(key) ?? []).filter((x) => x > t - windowMs);
      if (times.length >= JOIN_RATE.limit) {
        seen.set(key, times);
        return false;
      }
      times.push(t);
      seen.set(key, times);
      return true;
    },
  };
}
