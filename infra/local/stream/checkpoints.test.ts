import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { CheckpointBook, loadCheckpoints } from "./checkpoints.ts";

const dir = mkdtempSync(join(tmpdir(), "checkpoints-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TABLE = "arn:aws:dynamodb:ddblocal:000000000000:table/t/";
const ARN = `${TABLE}stream/2026-12-02T00:00:00.000`;
const OLD = `${TABLE}stream/2026-11-30T00:00:00.000`;
const OTHER_TABLE = "arn:aws:dynamodb:ddblocal:000000000000:table/u/stream/2026-11-30T00:00:00.000";
const lines: Record<string, unknown>[] = [];
const log = (l: Record<string, unknown>) => void lines.push(l);
const read = (file: string) => JSON.parse(readFileSync(file, "utf8"));

it("starts empty without a file, and says so when the file cannot be read", () => {
  // Prepare
  const bad = join(dir, "bad.json");
  writeFileSync(bad, "{ not json");
  const list = join(dir, "list.json");
  writeFileSync(list, "[1]");

  // Act & Assess
  expect(loadCheckpoints(undefined, log)).toEqual({});
  expect(loadCheckpoints(join(dir, "none.json"), log)).toEqual({});
  expect(loadCheckpoints(list, log)).toEqual({});
  expect(lines).toEqual([]);
  expect(loadCheckpoints(bad, log)).toEqual({});
  expect(lines).toMatchObject([{ level: "WARN", message: expect.stringMatching(/unreadable/) }]);
});

it("keeps one checkpoint per consumer, stream and shard, and writes the file only when one moved", () => {
  // Prepare
  const file = join(dir, "book.json");
  const book = new CheckpointBook(file, log);

  // Act
  const a = book.of("stream/project", ARN, "shard-1");
  book.persist(); // nothing moved yet
  const writtenEarly = existsSync(file);
  book.advance(a, "100");
  book.finish(book.of("stream/project", ARN, "shard-0"));
  book.of("other", ARN, "shard-1");
  book.persist();

  // Assess
  expect(writtenEarly).toBe(false);
  expect(book.of("stream/project", ARN, "shard-1")).toBe(a);
  expect(read(file)).toEqual({
    "stream/project": { [ARN]: { "shard-1": { after: "100" }, "shard-0": { finished: true } } },
    other: { [ARN]: { "shard-1": {} } },
  });
  // A restart reads the same book back.
  expect(new CheckpointBook(file, log).of("stream/project", ARN, "shard-1")).toEqual({ after: "100" });
});

it("forgets the table's other streams and the shards that are gone, and no other table's", () => {
  // Prepare
  const file = join(dir, "prune.json");
  writeFileSync(
    file,
    JSON.stringify({
      c: {
        [OLD]: { "shard-9": { after: "5" } },
        [OTHER_TABLE]: { "shard-9": { after: "5" } },
        [ARN]: { "shard-1": { after: "7" }, "shard-gone": { after: "3" } },
      },
    }),
  );
  const book = new CheckpointBook(file, log);

  // Act
  book.prune(ARN, new Set(["shard-1", "shard-2"]));
  book.advance(book.of("c", ARN, "shard-2"), "8");
  book.persist();

  // Assess
  expect(read(file)).toEqual({
    c: {
      [OTHER_TABLE]: { "shard-9": { after: "5" } },
      [ARN]: { "shard-1": { after: "7" }, "shard-2": { after: "8" } },
    },
  });
});

it("a failed write is logged and tried again at the next persist", () => {
  // Prepare: the file's place is a directory, for now.
  const file = join(dir, "later.json");
  mkdirSync(`${file}.tmp`);
  const book = new CheckpointBook(file, log);
  book.advance(book.of("c", ARN, "s"), "1");
  lines.length = 0;

  // Act
  book.persist();
  rmSync(`${file}.tmp`, { recursive: true });
  book.persist();

  // Assess
  expect(lines).toMatchObject([{ level: "WARN", message: "cannot write stream checkpoints" }]);
  expect(read(file)).toEqual({ c: { [ARN]: { s: { after: "1" } } } });
});
