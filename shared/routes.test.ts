import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { JOBS } from "./jobs.ts";
import { matchPath, ROUTES } from "./routes.ts";

describe("route table", () => {
  it("has one route per method and path, and a handler module for each", () => {
    const keys = ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const h of [...ROUTES.map((r) => r.handler), ...JOBS.map((j) => j.handler)]) {
      expect(existsSync(resolve(import.meta.dirname, `../functions/${h}.ts`)), h).toBe(true);
    }
  });

  it("keeps everything under /api and nothing local-only", () => {
    for (const r of ROUTES) {
      expect(r.path.startsWith("/api/")).toBe(true);
      expect(r.path.startsWith("/api/dev")).toBe(false);
    }
  });

  it("matches path parameters", () => {
    expect(matchPath("/api/listings/{id}", "/api/listings/abc")).toEqual({ id: "abc" });
    expect(matchPath("/api/listings/{id}", "/api/listings/")).toBeNull();
    expect(matchPath("/api/listings/{id}", "/api/listings/a/b")).toBeNull();
    expect(matchPath("/api/listings/{id}", "/api/listings/%E0%A4%A")).toBeNull();
  });
});
