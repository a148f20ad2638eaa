/**
 * `npm start`: DynamoDB Local (file-backed in DATA_DIR), the table and its stream
 * projectors, the demo district on an empty database, the jobs on timers, and the
 * storefront + API on PORT. Ctrl-C stops everything it started.
 *
 * What does not wait for anything runs at once, side by side: the storefront's
 * build, DynamoDB Local's start and (on an empty data directory) the demo district
 * made and projected in memory (demo-load.ts), written as soon as the table is there.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { JOBS } from "../../shared/jobs.ts";
import { checkJava, ensureTable, type LocalDynamo, MissingJava, startDynamo } from "./dynamo.ts";
import { type StreamPoller, startStreamPoller } from "./stream.ts";
import { createIssuer } from "./tokens.ts";

const PORT = Number(process.env.PORT ?? 3000);
const DYNAMODB_PORT = Number(process.env.DYNAMODB_PORT ?? 8000);
/** The local S3 for photos (infra/local/s3.ts). */
const S3_PORT = Number(process.env.S3_PORT ?? 4569);
const DATA_DIR = resolve(process.env.DATA_DIR ?? ".data");
const TABLE = process.env.TABLE_NAME ?? "wangtao";
const ROOT = resolve(import.meta.dirname, "../..");
/** DynamoDB Local's file (sharedDb): none means an empty database. */
const DB_FILE = join(DATA_DIR, "shared-local-instance.db");

function portFree(port: number): Promise<boolean> {
  return new Promise((r) => {
    const probe = createServer()
      .once("error", () => r(false))
      .once("listening", () => probe.close(() => r(true)))
      .listen(port, "127.0.0.1");
  });
}

function fail(message: string): never {
  console.error(`✗ ${message}`);
  process.exit(1);
}

/** The storefront's build (astro), unless SKIP_BUILD=1; rejects if it fails. */
function buildSite(): Promise<void> {
  if (process.env.SKIP_BUILD === "1") return Promise.resolve();
  return new Promise((resolveBuild, reject) => {
    const astro = join(ROOT, "node_modules/.bin/astro");
    const child = spawn(astro, ["build", "--root", "web"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      output += d.toString();
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0
        ? resolveBuild()
        : reject(
            new Error(`the storefront's build failed:\n${output.trim().split("\n").slice(-15).join("\n")}`),
          ),
    );
  });
}

async function checkPorts() {
  if (!(await portFree(PORT)))
    fail(`Port ${PORT} is in use: stop what uses it or start with PORT=<another port>.`);
  if (!(await portFree(DYNAMODB_PORT))) {
    fail(
      `Port ${DYNAMODB_PORT} (DynamoDB Local) is in use: stop what uses it or start with DYNAMODB_PORT=<another port>.`,
    );
  }
}

/** The demo district on an empty database (made in memory while DynamoDB Local started, if it was new). */
async function loadDemo(
  dynamo: LocalDynamo,
  checkpointFile: string,
  made: Promise<Awaited<ReturnType<typeof import("./demo.ts").prepareDemoDistrict>>> | undefined,
) {
  const demo = await import("./demo.ts");
  // Made first: while it is being made, the domain's client answers from memory.
  const prepared = made ? await made : undefined;
  if (await demo.isDemoLoaded()) return false;
  console.log("Empty database: loading the demo district…");
  const loaded = await demo.loadDemoDistrict(
    new Date(),
    { endpoint: dynamo.endpoint, tableName: TABLE, checkpointFile },
    prepared,
  );
  console.log(`Loaded ${loaded.listings} listings and ${loaded.people} people (${loaded.items} items).`);
  return true;
}

function runJobs(loadHandler: (name: string) => Promise<unknown>) {
  for (const job of JOBS) {
    const run = async () => {
      try {
        const handler = (await loadHandler(job.handler)) as (event: unknown) => Promise<unknown>;
        await handler({
          source: "local.timer",
          "detail-type": "Scheduled Event",
          time: new Date().toISOString(),
        });
      } catch (err) {
        console.error(`job ${job.handler} failed: ${(err as Error).message}`);
      }
    };
    setInterval(run, Number(process.env.JOB_INTERVAL_MS ?? job.everyMs)).unref();
    void run();
  }
}

/**
 * What runs beside everything else from the first moment: the checks (ports, Java), the
 * storefront's build, the demo district made in memory on a new data directory,
 * DynamoDB Local, and the local S3 for photos.
 */
async function startBeside() {
  await checkPorts();
  try {
    checkJava(); // before anything starts beside it
  } catch (err) {
    fail((err as Error).message);
  }
  process.env.TABLE_NAME = TABLE;
  process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${DYNAMODB_PORT}`;
  process.env.POWERTOOLS_LOG_LEVEL ??= "WARN";
  const site = buildSite();
  site.catch(() => undefined);
  // A new data directory: the demo district is made in memory while DynamoDB Local starts.
  const made = existsSync(DB_FILE) ? undefined : import("./demo.ts").then((d) => d.prepareDemoDistrict());
  made?.catch(() => undefined);
  if (!(await portFree(S3_PORT)))
    fail(
      `Port ${S3_PORT} (the local S3 for photos) is in use: stop what uses it or start with S3_PORT=<another port>.`,
    );
  let dynamo: LocalDynamo;
  try {
    dynamo = await startDynamo({ port: DYNAMODB_PORT, dataDir: DATA_DIR });
  } catch (err) {
    fail(err instanceof MissingJava ? err.message : (err as Error).message);
  }

  // Photos: the local S3, its uploads processed by the handler the deployed S3 notification invokes.
  process.env.PHOTOS_BUCKET ??= "wangtao-photos";
  // Imported once the environment is set: it reaches the domain, which reads it at load.
  const { startLocalS3 } = await import("./s3.ts");
  const s3 = await startLocalS3({
    port: S3_PORT,
    directory: join(DATA_DIR, "s3"),
    bucket: process.env.PHOTOS_BUCKET,
    onUpload: async (event) => (await import("../../functions/photos/process.ts")).handler(event),
    log: (m) => console.error(`⚠ ${m}`),
  });
  process.env.S3_ENDPOINT = s3.endpoint;
  return { site, made, dynamo, s3 };
}

/** What `npm start` runs, stopped once (Ctrl-C, a signal, our parent going, or a failed start), last started first. */
class Running {
  poller: StreamPoller | undefined;
  server: import("node:http").Server | undefined;
  #stopping = false;
  readonly #dynamo: LocalDynamo;
  readonly #s3: { stop(): Promise<void> };

  constructor(dynamo: LocalDynamo, s3: { stop(): Promise<void> }) {
    this.#dynamo = dynamo;
    this.#s3 = s3;
    process.on("SIGINT", () => void this.stop());
    process.on("SIGTERM", () => void this.stop());
    process.on("SIGHUP", () => void this.stop());
    // npm does not pass a signal sent to it alone on to us: when our parent goes, go too.
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) void this.stop();
    }, 1000).unref();
  }

  async stop(code = 0): Promise<void> {
    if (this.#stopping) return;
    this.#stopping = true;
    console.log("\nStopping…");
    this.server?.close();
    await this.poller?.stop();
    await this.#s3.stop();
    await this.#dynamo.stop();
    process.exit(code);
  }
}

/** The table, the demo district (on an empty database), the stream taken up, the search index checked. */
async function prepareData(running: Running, dynamo: LocalDynamo, made: Parameters<typeof loadDemo>[2]) {
  await ensureTable(dynamo.endpoint, TABLE);
  const checkpointFile = join(DATA_DIR, "stream-checkpoints.json");
  const loadedDemo = await loadDemo(dynamo, checkpointFile, made);
  // The shop window's pictures: drawn and processed beside the rest of the start, not before it.
  if (loadedDemo)
    void import("./demo-photos.ts")
      .then((photos) => photos.loadDemoPhotos(DATA_DIR))
      .then((p) =>
        console.log(`Drew ${p.photos} listing photos and ${p.faces} volunteers' faces for the demo.`),
      )
      .catch((err: Error) => console.error(`⚠ demo photos: ${err.message}`));
  // Derived data (figures, rankings, notifications) comes from the stream from here on.
  running.poller = startStreamPoller({ endpoint: dynamo.endpoint, tableName: TABLE, checkpointFile });
  // Ready means the figures are current: whatever the last run left unprojected is projected.
  await running.poller.settle(120_000).catch((err: Error) => console.error(`⚠ ${err.message}`));
  // The search index, checked against the listings (a database from before it existed has none).
  const { checkSearchIndex } = await import("../../functions/domain/search/sync.ts");
  const searchIndex = await checkSearchIndex(true);
  if (searchIndex.missing + searchIndex.stale + searchIndex.extra > 0)
    console.log(`Search index rebuilt from ${searchIndex.listings} listings.`);
}

/** The storefront and the API on PORT (once the build is done), and the jobs on their timers. */
async function serve(running: Running, site: Promise<void>) {
  const { createApiServer, loadHandler } = await import("./server.ts");
  const issuer = await createIssuer(join(DATA_DIR, "local-issuer-key.json"));
  const { demoPeople } = await import("./demo-district.ts");
  await site;
  const server = createApiServer({
    issuer,
    staticDir: join(ROOT, "web/dist"),
    demoUsers: async () => demoPeople(),
  });
  running.server = server;
  await new Promise<void>((r) => server.listen(PORT, "127.0.0.1", r));
  runJobs(loadHandler);
}

async function main() {
  const startedAt = performance.now();
  const { site, made, dynamo, s3 } = await startBeside();
  const running = new Running(dynamo, s3);
  try {
    await prepareData(running, dynamo, made);
    await serve(running, site);
    const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
    console.log(
      `网淘 is running on http://127.0.0.1:${PORT}  (DynamoDB Local on ${DYNAMODB_PORT}, S3 on ${S3_PORT}, data in ${DATA_DIR}; ready in ${seconds} s)`,
    );
    console.log("Press Ctrl-C to stop.");
  } catch (err) {
    console.error(`✗ ${(err as Error).message}`);
    await running.stop(1);
  }
}

await main();
