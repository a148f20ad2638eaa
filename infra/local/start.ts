/**
 * `npm start`: DynamoDB Local (file-backed in DATA_DIR), the table and its stream
 * projectors, the demo district on an empty database, the expiry timer, and the
 * storefront + API on PORT. Ctrl-C stops everything it started.
 */
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { JOBS } from "../../shared/routes.ts";
import { ensureTable, MissingJava, startDynamo } from "./dynamo.ts";
import { startLocalS3 } from "./s3.ts";
import { type StreamPoller, startStreamPoller } from "./stream.ts";
import { createIssuer } from "./tokens.ts";

const PORT = Number(process.env.PORT ?? 3000);
const DYNAMODB_PORT = Number(process.env.DYNAMODB_PORT ?? 8000);
/** The local S3 for photos (infra/local/s3.ts). */
const S3_PORT = Number(process.env.S3_PORT ?? 4569);
const DATA_DIR = resolve(process.env.DATA_DIR ?? ".data");
const TABLE = process.env.TABLE_NAME ?? "wangtao";
const ROOT = resolve(import.meta.dirname, "../..");

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

async function main() {
  if (!(await portFree(PORT)))
    fail(`Port ${PORT} is in use: stop what uses it or start with PORT=<another port>.`);
  if (!(await portFree(DYNAMODB_PORT))) {
    fail(
      `Port ${DYNAMODB_PORT} (DynamoDB Local) is in use: stop what uses it or start with DYNAMODB_PORT=<another port>.`,
    );
  }
  if (!(await portFree(S3_PORT)))
    fail(
      `Port ${S3_PORT} (the local S3 for photos) is in use: stop what uses it or start with S3_PORT=<another port>.`,
    );
  let dynamo: Awaited<ReturnType<typeof startDynamo>>;
  try {
    dynamo = await startDynamo({ port: DYNAMODB_PORT, dataDir: DATA_DIR });
  } catch (err) {
    fail(err instanceof MissingJava ? err.message : (err as Error).message);
  }
  process.env.TABLE_NAME = TABLE;
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.POWERTOOLS_LOG_LEVEL ??= "WARN";

  // Photos: the local S3, its uploads processed by the handler the deployed S3 notification invokes.
  process.env.PHOTOS_BUCKET ??= "wangtao-photos";
  const s3 = await startLocalS3({
    port: S3_PORT,
    directory: join(DATA_DIR, "s3"),
    bucket: process.env.PHOTOS_BUCKET,
    onUpload: async (event) => (await import("../../functions/photos/process.ts")).handler(event),
    log: (m) => console.error(`⚠ ${m}`),
  });
  process.env.S3_ENDPOINT = s3.endpoint;

  let poller: StreamPoller | undefined;
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping…");
    server?.close();
    await poller?.stop();
    await s3.stop();
    await dynamo.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  process.on("SIGHUP", () => void stop());
  // npm does not pass a signal sent to it alone on to us: when our parent goes, go too.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stop();
  }, 1000).unref();

  let server: import("node:http").Server | undefined;
  try {
    await ensureTable(dynamo.endpoint, TABLE);
    // Derived data (figures, rankings, notifications) comes from the stream, the demo's too.
    poller = startStreamPoller({
      endpoint: dynamo.endpoint,
      tableName: TABLE,
      checkpointFile: join(DATA_DIR, "stream-checkpoints.json"),
    });
    const demo = await import("./demo.ts");
    if (!(await demo.isDemoLoaded())) {
      console.log("Empty database: loading the demo district…");
      const loaded = await demo.loadDemoDistrict();
      console.log(`Loaded ${loaded.listings} listings and ${loaded.people} people.`);
      // The shop window's pictures: drawn and processed beside the rest of the start, not before it.
      void import("./demo-photos.ts")
        .then((photos) => photos.loadDemoPhotos(DATA_DIR))
        .then((p) =>
          console.log(`Drew ${p.photos} listing photos and ${p.faces} volunteers' faces for the demo.`),
        )
        .catch((err: Error) => console.error(`⚠ demo photos: ${err.message}`));
    }
    // Ready means the figures are current: the demo's history (or what the last run left) is projected.
    await poller.settle(120_000).catch((err: Error) => console.error(`⚠ ${err.message}`));
    const { createApiServer, loadHandler } = await import("./server.ts");
    const issuer = await createIssuer(join(DATA_DIR, "local-issuer-key.json"));
    server = createApiServer({
      issuer,
      staticDir: join(ROOT, "web/dist"),
      demoUsers: async () => demo.demoPeople(),
    });
    await new Promise<void>((r) => server?.listen(PORT, "127.0.0.1", r));
    for (const job of JOBS) {
      const run = async () => {
        try {
          const handler = (await loadHandler(job.handler)) as unknown as (event: unknown) => Promise<unknown>;
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
    console.log(
      `网淘 is running on http://127.0.0.1:${PORT}  (DynamoDB Local on ${DYNAMODB_PORT}, S3 on ${S3_PORT}, data in ${DATA_DIR})`,
    );
    console.log("Press Ctrl-C to stop.");
  } catch (err) {
    console.error(`✗ ${(err as Error).message}`);
    await stop(1);
  }
}

await main();
