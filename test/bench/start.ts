/**
 * `npm start` the way a newcomer meets it: from an empty data directory (the
 * storefront's build included) until /api/health answers and the home page is
 * served, then Ctrl-C and a restart on the full directory, then `npm run reconcile`
 * against it (no drift expected). Also the two bulk writes side by side on a fresh
 * DynamoDB Local (the loader's TransactWriteItems of 100 against BatchWriteItem of
 * 25). Ports are free ones; the data goes to a temporary directory.
 * `node test/bench/start.ts`  (BULK=0 skips the bulk comparison)
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");

function freePort(): Promise<number> {
  return new Promise((r) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => r(port));
    });
  });
}

async function until(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Start as `npm start` does; seconds until health and the home page answer. */
async function start(
  env: NodeJS.ProcessEnv,
): Promise<{ seconds: number; child: ChildProcess; log: string[] }> {
  const t0 = performance.now();
  // A process group of its own: Ctrl-C reaches npm and what it started, as in a terminal.
  const child = spawn("npm", ["start", "--silent"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const log: string[] = [];
  child.stdout?.on("data", (d: Buffer) => log.push(d.toString()));
  child.stderr?.on("data", (d: Buffer) => log.push(d.toString()));
  try {
    await until(`http://127.0.0.1:${env.PORT}/api/health`, child, 180_000);
    await until(`http://127.0.0.1:${env.PORT}/`, child, 10_000);
  } catch (err) {
    await stopped(child);
    throw new Error(`${(err as Error).message}\n${log.join("")}`);
  }
  return { seconds: (performance.now() - t0) / 1000, child, log };
}

/** Ctrl-C: SIGINT to the whole group, as a terminal sends it. */
async function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  process.kill(-(child.pid as number), "SIGINT");
  await exited;
}

/** The loader's two ways of writing in bulk on a fresh DynamoDB Local: items a second. */
async function bulkRates(dir: string) {
  const port = await freePort();
  const { startDynamo, ensureTable } = await import("../../infra/local/dynamo.ts");
  const dynamo = await startDynamo({ port, dataDir: join(dir, "bulk") });
  process.env.TABLE_NAME = "bench-bulk";
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  try {
    await ensureTable(dynamo.endpoint, "bench-bulk");
    const { writeItems } = await import("../../infra/local/demo-load.ts");
    const items = (tag: string) =>
      Array.from({ length: 1000 }, (_, i) => ({
        pk: `GRAM#${tag}${i % 97}`,
        sk: `s#${i}`,
        listingId: `l-${i}`,
      }));
    const rate = async (how: "transactions" | "batches") => {
      const t0 = performance.now();
      await writeItems(items(how), how);
      return Math.round(1000 / ((performance.now() - t0) / 1000));
    };
    return { transactions: await rate("transactions"), batches: await rate("batches") };
  } finally {
    await dynamo.stop();
  }
}

const dir = mkdtempSync(join(tmpdir(), "wangtao-start-"));
try {
  const env = {
    ...process.env,
    PORT: String(await freePort()),
    DYNAMODB_PORT: String(await freePort()),
    DATA_DIR: join(dir, "data"),
    TABLE_NAME: "wangtao",
  };
  const cold = await start(env);
  const loaded = cold.log.join("").match(/Loaded .*items\)/)?.[0] ?? "";
  await stopped(cold.child);
  const warm = await start(env);
  const rec = spawnSync("npm", ["run", "reconcile", "--silent"], { cwd: ROOT, env, encoding: "utf8" });
  await stopped(warm.child);
  console.log(`npm start, empty data dir (build included): ${cold.seconds.toFixed(1)} s  (${loaded})`);
  console.log(`npm start, full data dir:                   ${warm.seconds.toFixed(1)} s`);
  console.log(`npm run reconcile right after: exit ${rec.status}: ${rec.stdout.trim().split("\n").pop()}`);
  if (process.env.BULK !== "0") {
    const r = await bulkRates(dir);
    console.log(
      `bulk writes on DynamoDB Local (file-backed): TransactWriteItems of 100 ${r.transactions} items/s, BatchWriteItem of 25 ${r.batches} items/s`,
    );
  }
  if (rec.status !== 0) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
