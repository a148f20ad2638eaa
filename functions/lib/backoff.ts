/** The pause before trying again: full jitter over 2^n ms, at most `capMs` (100 ms unless given). */
export const pause = (n: number, capMs = 100) =>
  new Promise((r) => setTimeout(r, Math.random() * Math.min(capMs, 2 ** Math.min(n, 16))));
