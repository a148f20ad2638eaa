/**
 * The built storefront (web/dist) for the local server: `path`, `path.html` or
 * `path/index.html`, 404.html for anything else, hashed assets (`_astro/`) cached
 * for a year, text compressed (brotli or gzip, by Accept-Encoding).
 */
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, normalize, resolve } from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
  ".woff2": "font/woff2",
};
const COMPRESSIBLE = new Set([".html", ".css", ".js", ".mjs", ".json", ".svg", ".txt", ".webmanifest"]);
const compressed = new Map<string, { br: Buffer; gzip: Buffer; mtime: number }>();

export function serveStatic(req: IncomingMessage, res: ServerResponse, url: URL, staticDir?: string) {
  if (!staticDir || !existsSync(staticDir)) {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(
      "<!doctype html><meta charset=utf-8><title>网淘</title><p>网淘 API is running. Run <code>npm run build</code> for the storefront.</p>",
    );
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    pathname = "/";
  }
  const root = resolve(staticDir);
  const candidates = pathname.endsWith("/")
    ? [join(pathname, "index.html")]
    : [pathname, `${pathname}.html`, join(pathname, "index.html")];
  let file: string | undefined;
  for (const c of candidates) {
    const full = resolve(root, `.${normalize(`/${c}`)}`);
    if (!full.startsWith(root)) continue;
    if (existsSync(full) && statSync(full).isFile()) {
      file = full;
      break;
    }
  }
  let status = 200;
  if (!file) {
    status = 404;
    const notFound = join(root, "404.html");
    if (!existsSync(notFound)) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      res.end("404");
      return;
    }
    file = notFound;
  }
  const ext = extname(file);
  const headers: Record<string, string> = {
    "content-type": TYPES[ext] ?? "application/octet-stream",
    "cache-control": file.includes(`${join(root, "_astro")}`)
      ? "public, max-age=31536000, immutable"
      : "no-cache",
    "x-content-type-options": "nosniff",
    vary: "accept-encoding",
  };
  if (COMPRESSIBLE.has(ext)) {
    const mtime = statSync(file).mtimeMs;
    let entry = compressed.get(file);
    if (!entry || entry.mtime !== mtime) {
      const raw = readFileSync(file);
      entry = { br: brotliCompressSync(raw), gzip: gzipSync(raw), mtime };
      compressed.set(file, entry);
    }
    const accept = String(req.headers["accept-encoding"] ?? "");
    const encoding = /\bbr\b/.test(accept) ? "br" : /\bgzip\b/.test(accept) ? "gzip" : undefined;
    if (encoding) {
      const bytes = entry[encoding];
      res.writeHead(status, {
        ...headers,
        "content-encoding": encoding,
        "content-length": String(bytes.length),
      });
      res.end(req.method === "HEAD" ? undefined : bytes);
      return;
    }
  }
  res.writeHead(status, headers);
  if (req.method === "HEAD") res.end();
  else createReadStream(file).pipe(res);
}
