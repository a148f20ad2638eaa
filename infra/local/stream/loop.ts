/**
 * The poller's loop: one pass after another, each numbered, with the pause the pass
 * asks for between them (cut short by `wake()`); a pass that throws is retried with
 * backoff, and the error kept to say why the stream is not projected.
 */
import { backoff } from "./batch.ts";
import type { Log } from "./checkpoints.ts";

export interface LoopSteps {
  /** Pass number `id`: the pause (ms) before the next. */
  pass(id: number): Promise<number>;
  /** A pass threw. */
  failed(): void;
  /** After every pass, whether it threw or not. */
  after(): void;
}

export class PollLoop {
  #stopped = false;
  #passesStarted = 0;
  #errorStreak = 0;
  #lastError: string | undefined;
  #wake: (() => void) | undefined;
  #running: Promise<void> | undefined;
  readonly #log: Log;

  constructor(log: Log) {
    this.#log = log;
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /** Passes started so far (the one running included). */
  get passesStarted(): number {
    return this.#passesStarted;
  }

  /** Why reading the stream fails, if its last pass threw. */
  get error(): string | undefined {
    return this.#lastError && `reading the stream fails (${this.#errorStreak}×): ${this.#lastError}`;
  }

  start(steps: LoopSteps): void {
    this.#running ??= this.#run(steps);
  }

  /** Start the next pass now if the loop is pausing. */
  wake(): void {
    this.#wake?.();
  }

  /** Stop after the current pass. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.wake();
    await this.#running;
  }

  async #run(steps: LoopSteps) {
    while (!this.#stopped) {
      const id = ++this.#passesStarted;
      let delay: number;
      try {
        delay = await steps.pass(id);
        this.#errorStreak = 0;
        this.#lastError = undefined;
      } catch (err) {
        this.#errorStreak++;
        steps.failed();
        this.#lastError = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        delay = backoff(this.#errorStreak);
        this.#log({
          level: "WARN",
          message: "reading the stream failed; retrying",
          error: this.#lastError,
          delay,
        });
      } finally {
        steps.after();
      }
      if (this.#stopped) break;
      await this.#pause(delay);
    }
  }

  #pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      this.#wake = () => {
        clearTimeout(t);
        resolve();
      };
    }).finally(() => {
      this.#wake = undefined;
    });
  }
}
