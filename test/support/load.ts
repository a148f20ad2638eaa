/** Small helpers shared by the load tests and the join benchmark: quantiles, a seeded PRNG, arrival order. */
import { prng as demoPrng } from "../../infra/local/demo-district.ts";

/** The p-quantile (0..1) of already sorted values (nearest rank); 0 for none. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i] as number;
}

export interface Summary {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

export function summarize(values: readonly number[]): Summary {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, p50: quantile(s, 0.5), p99: quantile(s, 0.99), max: s.at(-1) ?? 0 };
}

/** The demo district's seeded PRNG (mulberry32), so a failing workload can be replayed from its seed. */
export function prng(seed: number) {
  const r = demoPrng(seed);
  return { ...r, chance: (p: number) => r.next() < p };
}

/**
 * Pairs (earlier, later) where the later one got the better place: `rank` orders
 * arrivals (a wave, a send index), `place` orders outcomes (0 … seats-1 for the
 * seated in any order, then waitlist positions). Returns the violations found.
 */
export function orderViolations<T>(
  entries: readonly T[],
  rank: (e: T) => number,
  place: (e: T) => number,
): Array<[T, T]> {
  const out: Array<[T, T]> = [];
  for (const a of entries)
    for (const b of entries) if (rank(a) < rank(b) && place(b) < place(a)) out.push([a, b]);
  return out;
}
