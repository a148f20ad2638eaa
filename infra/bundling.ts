/**
 * How every function is bundled: one settings object read by the CDK function
 * construct (infra/function.ts, through NodejsFunction's esbuild options) and by
 * the bundle-size check and benchmark (test/infra/bundles.test.ts,
 * test/bench/bundles.ts, through esbuild's own API). Change it here only.
 *
 * All functions are bundled by ONE esbuild call (the locally installed esbuild,
 * through its API) and handed to NodejsFunction as code: NodejsFunction's own
 * bundling spawns `npx esbuild` once per function, which took 15-47 s for 36
 * functions here against 1-3 s for the single call.
 *
 * The AWS SDK v3 (`@aws-sdk/*` and its `@smithy/*` core) is NOT bundled: the
 * Lambda Node.js runtime ships it. Bundled, the DynamoDB client alone is ~340 KB
 * minified, over the 300 KB budget per function, and measured cold imports are
 * slower than loading the runtime's copy (see test/bench/bundles.ts).
 */
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { type BuildOptions, buildSync, type Metafile } from "esbuild";
import { JOBS } from "../shared/jobs.ts";
import { ROUTES } from "../shared/routes.ts";
import { STREAM_CONSUMERS } from "../shared/stream.ts";

export const REPO_ROOT = resolve(import.meta.dirname, "..");
export const FUNCTIONS_DIR = join(REPO_ROOT, "functions");

/** Largest minified bundle a function may ship. */
export const MAX_BUNDLE_BYTES = 300 * 1024;

export const BUNDLING = {
  platform: "node",
  target: "node24",
  format: "esm",
  minify: true,
  treeShaking: true,
  sourcemap: true,
  /** Maps point at the sources by path; their contents would double the asset size. */
  sourcesContent: false,
  /** Prefer packages' ES module builds, which tree-shake. */
  mainFields: ["module", "main"],
  /** CommonJS dependencies inside an ES module bundle still call require(). */
  banner: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
  /** Provided by the Lambda runtime (see above); sharp (native) by the photo processor's layer (infra/photos.ts). */
  external: ["@aws-sdk/*", "@smithy/*", "sharp"],
} as const;

/** Every function the stack deploys: one per route handler, per job, per stream consumer, plus the Cognito trigger. */
export const TRIGGERS = {
  postConfirmation: "auth/post-confirmation",
  // Trust and safety (issue 19): mainland numbers only, rate-limited; MFA for admins and staff
  preSignUp: "auth/pre-sign-up",
  preToken: "auth/pre-token",
  smsInbound: "sms/inbound",
} as const;
/** The photos bucket's upload notification (infra/photos.ts); sharp comes from its layer, not the bundle. */
export const PHOTO_PROCESSOR = "photos/process";

export function functionNames(): string[] {
  return [
    ...new Set([
      ...ROUTES.map((r) => r.handler),
      ...JOBS.map((j) => j.handler),
      ...STREAM_CONSUMERS.map((c) => c.handler),
      ...Object.values(TRIGGERS),
      PHOTO_PROCESSOR,
    ]),
  ];
}

export function entryOf(handler: string): string {
  return join(FUNCTIONS_DIR, `${handler}.ts`);
}

export function entryExists(handler: string): boolean {
  return existsSync(entryOf(handler));
}

/** esbuild options for the given entries (`<handler>/index` → source), written under `outdir`. */
export function esbuildOptions(handlers: readonly string[], outdir: string): BuildOptions {
  return {
    entryPoints: Object.fromEntries(handlers.map((h) => [`${h}/index`, entryOf(h)])),
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: BUNDLING.platform,
    target: BUNDLING.target,
    format: BUNDLING.format,
    minify: BUNDLING.minify,
    treeShaking: BUNDLING.treeShaking,
    sourcemap: BUNDLING.sourcemap,
    sourcesContent: BUNDLING.sourcesContent,
    mainFields: [...BUNDLING.mainFields],
    banner: { js: BUNDLING.banner },
    external: [...BUNDLING.external],
    // rrule's package "module" entry re-exports a default that esbuild cannot see; its ES5 build is plain CommonJS.
    alias: { rrule: "rrule/dist/es5/rrule.js" },
    metafile: true,
    logLevel: "error",
  };
}

export interface Bundles {
  /** The directory holding `<handler>/index.mjs` (+ `.map`) for every handler. */
  readonly dir: string;
  readonly handlers: readonly string[];
  readonly metafile: Metafile;
  readonly ms: number;
}

/**
 * Bundle handlers in one esbuild call into `dir` (inside the repo, so source map
 * paths, and with them asset hashes, are the same on every machine, and the
 * bundles resolve the external SDK from the repo's node_modules when imported).
 */
export function bundle(handlers: readonly string[], dir: string): Bundles {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const result = buildSync(esbuildOptions(handlers, dir));
  return { dir, handlers, metafile: result.metafile as Metafile, ms: performance.now() - started };
}

/** A scratch directory for this process's bundles, under node_modules/.cache. */
export function scratchDir(purpose: string): string {
  return join(REPO_ROOT, "node_modules", ".cache", "wangtao-functions", `${purpose}-${process.pid}`);
}

let shared: Bundles | undefined;

/** Every existing function, bundled once per process (the CDK app asks per function). */
export function sharedBundles(): Bundles {
  if (!shared) {
    const dir = scratchDir("cdk");
    shared = bundle(functionNames().filter(entryExists), dir);
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  }
  return shared;
}
