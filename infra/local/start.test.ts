import { spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { expect, it } from "vitest";

it("says in one line what to install when Java is missing", () => {
  // Act: start with a PATH that has Node but no Java.
  const res = spawnSync(process.execPath, [resolve(import.meta.dirname, "start.ts")], {
    env: { PATH: dirname(process.execPath), PORT: "0", DYNAMODB_PORT: "0", DATA_DIR: "/tmp/wangtao-no-java" },
    encoding: "utf8",
    timeout: 30_000,
  });
  // Assess
  expect(res.status).toBe(1);
  expect(res.stderr.trim().split("\n")).toHaveLength(1);
  expect(res.stderr).toMatch(/Java 17.*install/);
});
