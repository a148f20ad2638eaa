/**
 * Bundle sizes and cold-import times: `node test/bench/bundles.ts [runs]`.
 *
 * Bundles every function with the CDK app's esbuild settings (infra/bundling.ts),
 * then imports each bundle in a fresh Node process (a cold-start proxy: module
 * load and top-level init, without Lambda's own bootstrap) and reports the median
 * next to an empty handler's, as a ratio. For comparison it also times a few
 * functions with the AWS SDK bundled instead of taken from the runtime, and with
 * `--enable-source-maps`.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildSync } from "esbuild";
import {
  bundle,
  entryExists,
  esbuildOptions,
  functionNames,
  MAX_BUNDLE_BYTES,
  scratchDir,
} from "../../infra/bundling.ts";

const runs = Number(process.argv[2] ?? 7);
const dir = scratchDir("bench");
const handlers = functionNames().filter(entryExists);
const env = { ...process.env, TABLE_NAME: "bench", AWS_REGION: "ap-east-1", POWERTOOLS_LOG_LEVEL: "SILENT" };

/** Median ms to import `file` in a fresh process, measured inside it. */
function coldImport(file: string, nodeArgs: string[] = []): number {
  const script = `const t=performance.now();await import(${JSON.stringify(pathToFileURL(file).href)});process.stdout.write(String(performance.now()-t));`;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const run = spawnSync(process.execPath, [...nodeArgs, "--input-type=module", "-e", script], {
      env,
      encoding: "utf8",
    });
    if (run.status !== 0) throw new Error(`${file}: ${run.stderr}`);
    times.push(Number(run.stdout));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

try {
  const shipped = bundle(handlers, join(dir, "shipped"));

  // An empty handler, same settings.
  const emptyDir = join(dir, "empty");
  mkdirSync(emptyDir, { recursive: true });
  const emptySrc = join(emptyDir, "empty.ts");
  writeFileSync(emptySrc, "export const handler = async () => ({ statusCode: 200 });\n");
  buildSync({ ...esbuildOptions([], emptyDir), entryPoints: { "empty/index": emptySrc } });
  const emptyMs = coldImport(join(emptyDir, "empty", "index.mjs"));

  console.log(`${handlers.length} functions bundled in ${Math.round(shipped.ms)} ms (one esbuild call)`);
  console.log(
    `cold import = median of ${runs} fresh Node ${process.version} processes; empty handler ${emptyMs.toFixed(1)} ms\n`,
  );
  console.log(`${"function".padEnd(26)}${"size".padStart(10)}${"import".padStart(10)}${"ratio".padStart(8)}`);
  const rows = handlers.map((h) => {
    const file = join(shipped.dir, h, "index.mjs");
    const size = statSync(file).size;
    const ms = coldImport(file);
    console.log(
      `${h.padEnd(26)}${kb(size).padStart(10)}${`${ms.toFixed(1)} ms`.padStart(10)}${`${(ms / emptyMs).toFixed(1)}×`.padStart(8)}${size > MAX_BUNDLE_BYTES ? "  OVER BUDGET" : ""}`,
    );
    return { h, size, ms };
  });
  const sizes = rows.map((r) => r.size).sort((a, b) => a - b);
  const times = rows.map((r) => r.ms).sort((a, b) => a - b);
  const mid = (xs: number[]) => xs[Math.floor(xs.length / 2)] as number;
  console.log(
    `\nsize: median ${kb(mid(sizes))}, max ${kb(sizes.at(-1) as number)} (budget ${kb(MAX_BUNDLE_BYTES)}); import: median ${mid(times).toFixed(1)} ms = ${(mid(times) / emptyMs).toFixed(1)}× empty, max ${(times.at(-1) as number).toFixed(1)} ms`,
  );

  // The alternatives, on a read and a write function.
  const sample = ["listings/list", "bookings/create"].filter((h) => handlers.includes(h));
  const withSdk = join(dir, "with-sdk");
  mkdirSync(withSdk, { recursive: true });
  buildSync({ ...esbuildOptions(sample, withSdk), external: [] });
  console.log("\nalternatives:");
  for (const h of sample) {
    const shippedFile = join(shipped.dir, h, "index.mjs");
    const sdkFile = join(withSdk, h, "index.mjs");
    const base = rows.find((r) => r.h === h)?.ms ?? coldImport(shippedFile);
    const sdk = coldImport(sdkFile);
    const maps = coldImport(shippedFile, ["--enable-source-maps"]);
    console.log(
      `${h}: SDK from runtime ${base.toFixed(1)} ms (${kb(statSync(shippedFile).size)}) · SDK bundled ${sdk.toFixed(1)} ms (${kb(statSync(sdkFile).size)}) · with --enable-source-maps ${maps.toFixed(1)} ms`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
