/**
 * Every function, bundled exactly as the CDK app bundles it (the same esbuild
 * settings object, infra/bundling.ts), stays under the size budget and loads as
 * an ES module exporting `handler`, with the AWS SDK left to the runtime.
 */
import { readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BUNDLING,
  type Bundles,
  bundle,
  entryExists,
  functionNames,
  MAX_BUNDLE_BYTES,
  PHOTO_PROCESSOR,
  scratchDir,
} from "../../infra/bundling.ts";
import { STREAM_CONSUMERS } from "../../shared/stream.ts";

/** Every function the stack deploys: routes, jobs, the Cognito trigger and the stream projectors. */
const handlers = [...new Set([...functionNames(), ...STREAM_CONSUMERS.map((c) => c.handler)])].filter(
  entryExists,
);
let bundles: Bundles;

beforeAll(() => {
  bundles = bundle(handlers, scratchDir("size-check"));
  console.info(`${handlers.length} functions bundled in ${Math.round(bundles.ms)} ms`);
}, 120_000);
afterAll(() => rmSync(bundles.dir, { recursive: true, force: true }));

const file = (h: string) => join(bundles.dir, h, "index.mjs");

/** The biggest contributors to a bundle, for the failure message. */
function topInputs(handler: string): string {
  const entry = Object.entries(bundles.metafile.outputs).find(([k]) => k.endsWith(`/${handler}/index.mjs`));
  const inputs = entry?.[1].inputs ?? {};
  const byPackage = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    const key = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? path;
    byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
  }
  return [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([k, v]) => `${k} ${(v / 1024).toFixed(0)} KB`)
    .join(", ");
}

describe("function bundles", () => {
  it("bundles every handler of ROUTES, JOBS and STREAM_CONSUMERS that exists", () => {
    expect(handlers.length).toBeGreaterThan(10);
    for (const h of handlers) expect(statSync(file(h)).size, h).toBeGreaterThan(1000);
  });

  it(`keeps every function under ${MAX_BUNDLE_BYTES / 1024} KB minified`, () => {
    const over = handlers
      .map((h) => ({ h, size: statSync(file(h)).size }))
      .filter(({ size }) => size > MAX_BUNDLE_BYTES)
      .map(
        ({ h, size }) =>
          `${h}: ${(size / 1024).toFixed(0)} KB (${topInputs(h)}) — a named \`import { z } from "zod"\` bundles all of zod; use \`import * as z from "zod"\``,
      );
    expect(over).toEqual([]);
  });

  it("leaves the AWS SDK to the Lambda runtime and bundles everything else", () => {
    const inputs = Object.keys(bundles.metafile.inputs);
    expect(inputs.filter((i) => /node_modules\/@(aws-sdk|smithy)\//.test(i))).toEqual([]);
    expect(inputs.some((i) => i.includes("node_modules/@middy/core"))).toBe(true);
    const imports = Object.values(bundles.metafile.outputs).flatMap((o) =>
      o.imports.filter((i) => i.external).map((i) => i.path),
    );
    const packages = new Set(imports.filter((p) => !p.startsWith("node:")).map((p) => p.split("/")[0]));
    // sharp (native) comes from the photo processor's Lambda layer (infra/photos.ts), and only it imports sharp.
    expect([...packages].sort()).toEqual(["@aws-sdk", "sharp"]);
    const withSharp = Object.entries(bundles.metafile.outputs)
      .filter(([, o]) => o.imports.some((i) => i.external && i.path === "sharp"))
      .map(([k]) => k.replace(/^.*?([^/]+\/[^/]+)\/index\.mjs$/, "$1"));
    expect(withSharp).toEqual([PHOTO_PROCESSOR]);
  });

  it("ships no test or local-stack code: nothing from test/ or infra/, no command counter, no projector lanes", () => {
    const inputs = Object.keys(bundles.metafile.inputs).filter((i) => !i.includes("node_modules"));
    expect(inputs.filter((i) => /(^|\/)(test|infra)\//.test(i))).toEqual([]);
    const found = handlers.flatMap((h) => {
      const code = readFileSync(file(h), "utf8");
      return ["sentCommands", "countCommands", "ownConnections", "DYNAMODB_LOCAL_SOCKETS", "/api/dev/"]
        .filter((word) => code.includes(word))
        .map((word) => `${h}: ${word}`);
    });
    expect(found).toEqual([]);
  });

  it("writes minified ES modules with the require() shim and linked source maps", () => {
    const code = readFileSync(file("health"), "utf8");
    expect(code.startsWith(BUNDLING.banner)).toBe(true);
    expect(code).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
    expect(code.length / code.split("\n").length).toBeGreaterThan(1000); // minified: long lines
    const map = JSON.parse(readFileSync(`${file("health")}.map`, "utf8"));
    expect(map.sourcesContent).toBeUndefined();
    expect(map.sources.some((s: string) => s.endsWith("functions/health.ts"))).toBe(true);
  });

  it("loads every bundle as an ES module exporting handler", async () => {
    for (const h of handlers) {
      const mod = await import(pathToFileURL(file(h)).href);
      expect(typeof mod.handler, h).toBe("function");
    }
  }, 60_000);
});
