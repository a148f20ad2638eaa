/**
 * Where each consumer has read the table's stream up to, per stream and shard: the
 * poller's book of checkpoints, kept in a file (if given) so a restart goes on where
 * the last run stopped. The file is written atomically, and only when a checkpoint
 * moved since the last write.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";

export type Checkpoint = { after?: string; finished?: boolean };
/** consumer → stream ARN → shard id → checkpoint */
export type Checkpoints = Record<string, Record<string, Record<string, Checkpoint>>>;
export type Log = (line: Record<string, unknown>) => void;

export function loadCheckpoints(file: string | undefined, log: Log): Checkpoints {
  if (!file || !existsSync(file)) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return parsed as Checkpoints;
  } catch (err) {
    log({
      level: "WARN",
      message: "unreadable stream checkpoints; reading the stream from its start",
      error: String(err),
    });
  }
  return {};
}

/** Write the checkpoints atomically (a crash mid-write leaves the previous file). */
export function saveCheckpoints(file: string, checkpoints: Checkpoints): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(checkpoints, null, 2)}\n`);
  renameSync(tmp, file);
}

export class CheckpointBook {
  readonly #all: Checkpoints;
  readonly #file: string | undefined;
  readonly #log: Log;
  #dirty = false;

  constructor(file: string | undefined, log: Log) {
    this.#file = file;
    this.#log = log;
    this.#all = loadCheckpoints(file, log);
  }

  /** The consumer's checkpoint in a shard of a stream (empty if new): the same object every time. */
  of(consumer: string, arn: string, shardId: string): Checkpoint {
    const byArn = this.#all[consumer] ?? {};
    const byShard = byArn[arn] ?? {};
    const cp = byShard[shardId] ?? {};
    byShard[shardId] = cp;
    byArn[arn] = byShard;
    this.#all[consumer] = byArn;
    return cp;
  }

  /** Everything up to `seq` is done. */
  advance(cp: Checkpoint, seq: string | undefined): void {
    cp.after = seq;
    this.#dirty = true;
  }

  /** The shard is closed and read to its end. */
  finish(cp: Checkpoint): void {
    cp.finished = true;
    this.#dirty = true;
  }

  /** Forget the table's other streams (it was recreated) and the shards of `arn` that are gone. */
  prune(arn: string, liveShardIds: ReadonlySet<string | undefined>): void {
    const tablePrefix = arn.slice(0, arn.indexOf("/stream/") + 1);
    for (const byArn of Object.values(this.#all)) {
      for (const other of Object.keys(byArn))
        if (other !== arn && other.startsWith(tablePrefix)) delete byArn[other];
      for (const id of Object.keys(byArn[arn] ?? {})) if (!liveShardIds.has(id)) delete byArn[arn]?.[id];
    }
  }

  /** Write the file if a checkpoint moved since the last write; a failure is logged and retried next time. */
  persist(): void {
    if (!this.#dirty || !this.#file) return;
    try {
      saveCheckpoints(this.#file, this.#all);
      this.#dirty = false;
    } catch (err) {
      this.#log({ level: "WARN", message: "cannot write stream checkpoints", error: String(err) });
    }
  }
}
