import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { JOBS } from "./jobs.ts";
import * as table from "./routes.ts";
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

  it("exports each route as a constant named by its operationId, from a module named by its handler", async () => {
    const exported = Object.entries(table).filter(([, v]) => ROUTES.includes(v as (typeof ROUTES)[number]));
    expect(exported.length).toBe(ROUTES.length);
    for (const r of ROUTES) {
      const name = r.handler.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase());
      expect((table as Record<string, unknown>)[name], r.handler).toBe(r);
      const file = resolve(import.meta.dirname, "routes", `${r.handler}.ts`);
      const own: Record<string, unknown> = await import(/* @vite-ignore */ file);
      expect(own[name], r.handler).toBe(r);
    }
  });

  it("matches path parameters", () => {
    expect(matchPath("/api/listings/{id}", "/api/listings/abc")).toEqual({ id: "abc" });
    expect(matchPath("/api/listings/{id}", "/api/listings/")).toBeNull();
    expect(matchPath("/api/listings/{id}", "/api/listings/a/b")).toBeNull();
    expect(matchPath("/api/listings/{id}", "/api/listings/%E0%A4%A")).toBeNull();
  });
});
