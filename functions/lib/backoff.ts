/** The pause before trying again: full jitter over 2^n ms, at most 100 ms. */
export const pause = (n: number) =>
  new Promise((r) => setTimeout(r, Math.random() * Math.min(100, 2 ** Math.min(n, 7))));
