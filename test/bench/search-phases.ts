/**
 * Where a request's time went, measured inside the benchmark's process (the API server
 * runs in it): every DynamoDB command the handlers' client sends (a middleware the
 * benchmark adds, as the tests' command counter does; functions/lib/db.ts stays free
 * of it), every garbage collection (perf_hooks' 'gc' entries), and the stream
 * projectors' commands, which share the process's event loop. A sample is the span of
 * one request; what is neither a command nor a collection is the handler's own work
 * (parsing, ranking, JSON) and the local gateway's.
 */
import { constants, PerformanceObserver } from "node:perf_hooks";

interface Span {
  start: number;
  end: number;
}
interface Command extends Span {
  name: string;
  projector: boolean;
  /** The SDK's attempts (a retry shows as a long command). */
  attempts: number;
}

const commands: Command[] = [];
const collections: (Span & { kind: string })[] = [];

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: "minor",
  [constants.NODE_PERFORMANCE_GC_MAJOR]: "major",
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: "incremental",
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: "weakcb",
};

/** What a command read: its name and the partition of a Query (SEARCH_CHANGE, SEARCH_DOC…). */
function commandName(name: string, input: unknown): string {
  const short = name.replace(/Command$/, "");
  const pk = (input as { ExpressionAttributeValues?: Record<string, unknown> } | undefined)
    ?.ExpressionAttributeValues?.[":pk"];
  return typeof pk === "string" ? `${short} ${pk.split("#")[0]}` : short;
}

/** Start recording (after the stack is started: the handlers' client reads the environment). */
export async function recordPhases(): Promise<void> {
  const { ddb } = await import("../../functions/lib/db.ts");
  const { streamInvocation } = await import("../../infra/local/stream.ts");
  const NAME = "benchPhases";
  ddb.middlewareStack.remove(NAME);
  ddb.middlewareStack.add(
    (next, context) => async (args) => {
      const start = performance.now();
      let attempts = 1;
      try {
        const out = await next(args);
        attempts = (out.output as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1;
        return out;
      } finally {
        commands.push({
          name: commandName(String(context.commandName), args.input),
          start,
          end: performance.now(),
          projector: streamInvocation() !== undefined,
          attempts,
        });
      }
    },
    { step: "initialize", name: NAME },
  );
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? 0;
      collections.push({ start: e.startTime, end: e.startTime + e.duration, kind: GC_KINDS[kind] ?? "gc" });
    }
  }).observe({ entryTypes: ["gc"] });
}

const overlap = (a: Span, b: Span) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

export interface Phases {
  total: number;
  /** The request's own commands, by name (ms; two may overlap). */
  db: Record<string, number>;
  /** The time some command of the request was in flight. */
  dbMs: number;
  gcMs: number;
  gcKinds: string[];
  /** Projector commands in flight during the request (same event loop). */
  projector: number;
  /** The rest: the handler's own work, the local gateway, the HTTP client. */
  restMs: number;
}

/** The phases of one request that ran from `start` to `end` (performance.now()). */
export function phasesOf(start: number, end: number): Phases {
  const span = { start, end };
  const db: Record<string, number> = {};
  const own: Span[] = [];
  let projector = 0;
  for (const c of commands) {
    if (c.end < start || c.start > end) continue;
    if (c.projector) {
      projector++;
      continue;
    }
    const name = c.attempts > 1 ? `${c.name} (${c.attempts} attempts)` : c.name;
    db[name] = (db[name] ?? 0) + overlap(c, span);
    own.push({ start: Math.max(c.start, start), end: Math.min(c.end, end) });
  }
  // Commands may overlap (the page's read and the changes' Query): their union is the wait.
  let dbMs = 0;
  let reach = start;
  for (const c of own.sort((a, b) => a.start - b.start)) {
    dbMs += Math.max(0, c.end - Math.max(c.start, reach));
    reach = Math.max(reach, c.end);
  }
  let gcMs = 0;
  const gcKinds: string[] = [];
  for (const g of collections) {
    const ms = overlap(g, span);
    if (ms <= 0) continue;
    gcMs += ms;
    gcKinds.push(`${g.kind} ${ms.toFixed(1)}`);
  }
  const total = end - start;
  return { total, db, dbMs, gcMs, gcKinds, projector, restMs: Math.max(0, total - dbMs - gcMs) };
}

/** Forget what was recorded (between phases of the benchmark). */
export function clearPhases(): void {
  commands.length = 0;
  collections.length = 0;
}

export const describePhases = (p: Phases) =>
  `${p.total.toFixed(1)} ms = db in flight ${p.dbMs.toFixed(1)} (${Object.entries(p.db)
    .map(([k, v]) => `${k} ${v.toFixed(1)}`)
    .join(
      ", ",
    )}) + gc ${p.gcMs.toFixed(1)}${p.gcKinds.length ? ` [${p.gcKinds.join(", ")}]` : ""} + rest ${p.restMs.toFixed(1)}${p.projector ? ` · ${p.projector} projector commands alongside` : ""}`;
