/**
 * The projections' `asOf`: the instant before which every commit is projected. After
 * a pass that drained every shard, if it or the previous drained pass handed any record
 * to a handler, it is advanced to the instant that pass started reading: everything
 * committed before it has been projected. (One drained pass more after the last that
 * delivered takes asOf past the last commit; an idle stream writes nothing.)
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Log } from "./checkpoints.ts";
import { FUNCTIONS_DIR, runAs } from "./invoke.ts";

type Advance = (iso: string) => Promise<void>;

export class AsOf {
  /** The projections' own `advanceAsOf` (imported when first needed), unless given another. */
  #advance: Advance | undefined;
  #missing: boolean;
  #deliveredSinceDrain = 0;
  #lastDrainDelivered = false;
  readonly #log: Log;

  /** `false`: never advanced. */
  constructor(advance: Advance | false | undefined, log: Log) {
    this.#advance = advance || undefined;
    this.#missing = advance === false;
    this.#log = log;
  }

  /** A pass (drained or not) handed `n` records over. */
  delivered(n: number): void {
    this.#deliveredSinceDrain += n;
  }

  /** A pass that started at `startedAt` drained the stream. */
  async drained(startedAt: Date): Promise<void> {
    if (this.#deliveredSinceDrain > 0 || this.#lastDrainDelivered) await this.#write(startedAt.toISOString());
    this.#lastDrainDelivered = this.#deliveredSinceDrain > 0;
    this.#deliveredSinceDrain = 0;
  }

  async #write(iso: string) {
    if (this.#missing) return;
    this.#advance ??= await this.#load();
    const advance = this.#advance;
    if (advance) await runAs("asOf", () => advance(iso));
  }

  async #load(): Promise<Advance | undefined> {
    try {
      const href = pathToFileURL(join(FUNCTIONS_DIR, "domain/projections/as-of.ts")).href;
      return ((await import(href)) as { advanceAsOf: Advance }).advanceAsOf;
    } catch (err) {
      this.#missing = true;
      this.#log({
        level: "ERROR",
        message: "cannot load advanceAsOf; asOf is not advanced",
        error: String(err),
      });
      return undefined;
    }
  }
}
