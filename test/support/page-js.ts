/**
 * The JavaScript each built page ships, raw (uncompressed), read from web/dist: its
 * HTML's inline scripts and module scripts, and every chunk those reach by static
 * imports (a dynamic `import()` is left out: it loads only when used). Shared by the
 * web benchmark (test/bench/web.ts) and the build-output test (test/infra/page-js.test.ts).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/** Issue 18 item 8: home ≤ 60 KB of raw JS in all, and no page over 100 KB. */
export const PAGE_JS_BUDGET = { home: 60 * 1024, page: 100 * 1024 } as const;

export const WEB_DIST = resolve(import.meta.dirname, "../../web/dist");

export interface PageJs {
  /** The page's path on the site: `/`, `/service/`, `/admin/`… */
  page: string;
  /** Raw bytes of JS: inline scripts plus every module reached. */
  bytes: number;
  /** The chunks reached (site paths), biggest first. */
  chunks: { file: string; bytes: number }[];
  inlineBytes: number;
}

const STATIC_IMPORT = /(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]*?\s*from\s*)?["']([^"']+\.js)["']/g;

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "_astro" ? [] : htmlFiles(path);
    return name.endsWith(".html") ? [path] : [];
  });
}

/** Every chunk a module reaches by static imports, itself included. */
function reach(file: string, seen: Set<string>): void {
  if (seen.has(file)) return;
  seen.add(file);
  const code = readFileSync(file, "utf8");
  for (const [, spec] of code.matchAll(STATIC_IMPORT)) {
    reach(resolve(dirname(file), spec as string), seen);
  }
}

export function pageJs(html: string, dist = WEB_DIST): PageJs {
  const text = readFileSync(html, "utf8");
  const seen = new Set<string>();
  let inlineBytes = 0;
  for (const [, attrs, body] of text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
    const src = /\bsrc="([^"]+)"/.exec(attrs as string)?.[1];
    if (/type="application\/(ld\+)?json"/.test(attrs as string)) continue;
    if (src) reach(join(dist, src), seen);
    else {
      inlineBytes += Buffer.byteLength(body as string);
      for (const [, spec] of (body as string).matchAll(STATIC_IMPORT))
        reach(join(dist, spec as string), seen);
    }
  }
  const chunks = [...seen]
    .filter((f) => existsSync(f))
    .map((f) => ({ file: `/${relative(dist, f)}`, bytes: statSync(f).size }))
    .sort((a, b) => b.bytes - a.bytes);
  const page = `/${relative(dist, html)}`.replace(/index\.html$/, "");
  return { page, bytes: inlineBytes + chunks.reduce((n, c) => n + c.bytes, 0), chunks, inlineBytes };
}

/** Every page of the built site, heaviest first. */
export function sitePagesJs(dist = WEB_DIST): PageJs[] {
  if (!existsSync(join(dist, "index.html"))) throw new Error(`no build in ${dist}: run \`npm run build\``);
  return htmlFiles(dist)
    .map((h) => pageJs(h, dist))
    .sort((a, b) => b.bytes - a.bytes);
}

/** The budget a page breaks, if any. */
export function overBudget(p: PageJs): string | undefined {
  const limit = p.page === "/" ? PAGE_JS_BUDGET.home : PAGE_JS_BUDGET.page;
  return p.bytes > limit ? `${p.page}: ${kb(p.bytes)} raw JS (≤ ${kb(limit)})` : undefined;
}

export const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
