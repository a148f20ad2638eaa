/**
 * How every function is bundled: one settings object read by the CDK function
 * construct (infra/function.ts, through NodejsFunction's esbuild options) and by
 * the bundle-size check and benchmark (test/infra/bundles.test.ts,
 * test/bench/bundles.ts, through esbuild's own API). Change it here only.
 *
 * The AWS SDK v3 (`@aws-sdk/*` and its `@smithy/*` core) is NOT bundled: the
 * Lambda Node.js runtime ships it. Bundled, the DynamoDB client alone is ~340 KB
 * minified, over the 300 KB budget per function, and measured cold imports are
 * slower than loading the runtime's copy (see test/bench/bundles.ts).
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { JOBS, ROUTES } from "../shared/routes.ts";

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
  /** Provided by the Lambda runtime (see above). */
  external: ["@aws-sdk/*", "@smithy/*"],
} as const;

/** Every function the stack deploys: one per route handler, one per job, plus the Cognito trigger. */
export const TRIGGERS = { postConfirmation: "auth/post-confirmation" } as const;

export function functionNames(): string[] {
  return [
    ...new Set([...ROUTES.map((r) => r.handler), ...JOBS.map((j) => j.handler), ...Object.values(TRIGGERS)]),
  ];
}

export function entryOf(handler: string): string {
  return join(FUNCTIONS_DIR, `${handler}.ts`);
}

export function entryExists(handler: string): boolean {
  return existsSync(entryOf(handler));
}
