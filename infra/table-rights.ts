/**
 * Narrower table rights (trust and safety, issue 19): each function may reach only
 * the partition-key prefixes of the items it works with, as `dynamodb:LeadingKeys`
 * conditions on its grant — so the public health check reads no phone, and a
 * catalogue read cannot touch a booking.
 *
 * Derived, not listed by hand: from a function's handler (the route table, the jobs,
 * the stream consumers, the Cognito triggers) follow its imports through functions/
 * and shared/, collect every `keys.<name>` of the one key builder (shared/keys.ts)
 * those modules use, and take the partition prefixes each of those key functions
 * writes (`LISTING#…`, `"CATALOGUE"`, a GSI's partition for a Query on an index). A
 * new access pattern in a handler's code reaches its grant by itself.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** The repository root (infra/..). */
const REPO_ROOT = resolve(import.meta.dirname, "..");

const KEYS_FILE = join(REPO_ROOT, "shared/keys.ts");
/** Key-builder functions that return sort-key fragments, not partitions. */
const SORT_KEY_BUILDERS = new Set([
  "registryByName",
  "registryByTail",
  "notificationSortPrefix",
  "sessionRange",
  "statsRange",
]);

/** `keys.<name>` → the partition values or prefixes it makes (`LISTING#`, `CATALOGUE`). */
export function keyPrefixes(source = readFileSync(KEYS_FILE, "utf8")): Map<string, string[]> {
  const body = source.slice(source.indexOf("export const keys = {"));
  const starts = [...body.matchAll(/^ {2}(\w+)(?::|\()/gm)];
  const own = new Map<string, { prefixes: string[]; uses: string[] }>();
  starts.forEach((m, i) => {
    const text = body.slice(m.index, starts[i + 1]?.index ?? body.length);
    // Partition values only: a table's `pk`, an index's `gsiNpk` (a Query on that index), or the
    // bare partition a function returns; never sort keys.
    const prefixes = new Set<string>();
    const at = String.raw`(?:\bpk|\bgsi\dpk)\s*[:=]\s*|=>\s*`;
    for (const p of text.matchAll(new RegExp(`(?:${at})\`([A-Z][A-Z_]*#)`, "g")))
      prefixes.add(p[1] as string);
    for (const p of text.matchAll(new RegExp(`(?:${at})"([A-Z][A-Z_]*(?:#[A-Z_]+)?)"`, "g")))
      prefixes.add(p[1] as string);
    const uses = [...text.matchAll(/keys\.(\w+)/g)].map((u) => u[1] as string);
    own.set(m[1] as string, { prefixes: SORT_KEY_BUILDERS.has(m[1] as string) ? [] : [...prefixes], uses });
  });
  const out = new Map<string, string[]>();
  const resolveAll = (name: string, seen = new Set<string>()): string[] => {
    if (seen.has(name)) return [];
    seen.add(name);
    const k = own.get(name);
    if (!k) return [];
    return [...k.prefixes, ...k.uses.flatMap((u) => resolveAll(u, seen))];
  };
  for (const name of own.keys()) out.set(name, [...new Set(resolveAll(name))].sort());
  return out;
}

const IMPORT = /(?:from\s+|import\s*\(\s*)"(\.{1,2}\/[^"]+\.ts)"/g;

/** Every module of ours `functions/<handler>.ts` reaches through relative imports (itself included). */
export function reachableModules(handler: string): string[] {
  const first = join(REPO_ROOT, "functions", `${handler}.ts`);
  const seen = new Set<string>();
  const todo = [first];
  while (todo.length) {
    const file = todo.pop() as string;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    for (const m of readFileSync(file, "utf8").matchAll(IMPORT))
      todo.push(resolve(dirname(file), m[1] as string));
  }
  return [...seen].sort();
}

/** The `keys.<name>` functions a handler's modules use. */
export function keysUsed(handler: string): string[] {
  const used = new Set<string>();
  for (const file of reachableModules(handler)) {
    if (file === KEYS_FILE) continue;
    for (const m of readFileSync(file, "utf8").matchAll(/\bkeys\.(\w+)/g)) used.add(m[1] as string);
  }
  return [...used].sort();
}

/** The partition values and prefixes a handler may reach, as LeadingKeys patterns (`LISTING#*`, `CATALOGUE`). */
export function leadingKeysOf(handler: string, prefixes = keyPrefixes()): string[] {
  const patterns = new Set<string>();
  for (const name of keysUsed(handler))
    for (const p of prefixes.get(name) ?? []) patterns.add(p.endsWith("#") ? `${p}*` : p);
  return [...patterns].sort();
}
