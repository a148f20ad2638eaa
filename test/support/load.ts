/** Small helpers shared by the load tests and the join benchmark: quantiles, a seeded PRNG, arrival order. */

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

/** mulberry32: a tiny seeded PRNG, so a failing workload can be replayed from its seed. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    chance: (p: number) => next() < p,
  };
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
