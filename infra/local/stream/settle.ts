/**
 * Who waits for the stream to be projected (`settle()`): each waiter is owed a drained
 * pass that started after it asked, and is told why when none comes in time.
 */
interface Waiter {
  /** The first pass that counts for it. */
  target: number;
  resolve: () => void;
  reject: (err: Error) => void;
}

export class Waiters {
  readonly #waiting = new Set<Waiter>();

  /** Resolves once pass `target` (or a later one) drained the stream; rejects after `timeoutMs` with `why()`. */
  wait(target: number, timeoutMs: number, why: () => string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.#waiting.delete(waiter);
      };
      const waiter: Waiter = {
        target,
        resolve: () => {
          done();
          resolve();
        },
        reject: (err) => {
          done();
          reject(err);
        },
      };
      const timer = setTimeout(() => waiter.reject(new Error(why())), timeoutMs);
      this.#waiting.add(waiter);
    });
  }

  /** Pass `id` drained the stream: everyone waiting for it or an earlier one is done. */
  drained(id: number): void {
    for (const w of this.#waiting) if (w.target <= id) w.resolve();
  }

  /** Someone waits for a pass after `id`. */
  waitingBeyond(id: number): boolean {
    return [...this.#waiting].some((w) => w.target > id);
  }

  rejectAll(message: string): void {
    for (const w of this.#waiting) w.reject(new Error(message));
  }
}
