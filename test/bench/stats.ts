/**
 * Dashboard read cost at 10,000 and at 200,000 bookings.
 *
 *   node test/bench/stats.ts
 *
 * Starts its own DynamoDB Local (in memory, free port), generates synthetic
 * bookings over one year (every outcome: completed and reviewed, declined,
 * expired, cancelled, waitlisted and promoted) plus searches that found nothing,
 * turns every fact into counter changes with the same `statsChanges` the booking
 * transitions use, sums them per counter item and writes the items with
 * BatchWriteItem (it is the counter volume that matters, not the transactions).
 * Then it reads the dashboard (the last 30 days, and a whole year) several times
 * and prints the DynamoDB requests and the time of one read at each size.
 */
import { DeleteTableCommand } from "@aws-sdk/client-dynamodb";
import { ensureTable, localClient } from "../../infra/local/dynamo.ts";
import { CATEGORIES } from "../../shared/categories.ts";
import { startBenchStack } from "./local-stack.ts";

const YEAR_END = new Date("2025-12-31T04:00:00Z"); // "today": 2025-12-31 in Shanghai
const DAY_MS = 86_400_000;
const READS = 7;

/** Deterministic PRNG (mulberry32). */
function rng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] as T };
}

const COMMUNITIES = Array.from({ length: 12 }, (_, i) => `第${i + 1}社区`);
const BRANCHES = ["", ...Array.from({ length: 10 }, (_, i) => `第${i + 1}党支部`)];
const LISTINGS = Array.from({ length: 400 }, (_, i) => ({
  listingId: `l${i}`,
  listingTitle: `服务项目${i}`,
  category: (CATEGORIES[i % CATEGORIES.length] as (typeof CATEGORIES)[number]).slug,
  community: COMMUNITIES[i % COMMUNITIES.length] as string,
  branch: BRANCHES[i % BRANCHES.length] as string,
}));
const MISS_WORDS = Array.from({ length: 300 }, (_, i) => `找不到的服务${i}`);

async function main() {
  const tableName = "bench-stats";
  const dynamo = await startBenchStack(tableName);
  process.env.POWERTOOLS_LOG_LEVEL = "SILENT";
  const { statsChanges } = await import("../../functions/domain/stats/counters.ts");
  const { localMonth } = await import("../../shared/clock.ts");
  const { readStats } = await import("../../functions/domain/stats/read.ts");
  const { writeAll } = await import("../../functions/lib/batch.ts");
  const { sentCommands } = await import("../support/commands.ts");
  const { keys } = await import("../../shared/keys.ts");
  type Fact = Parameters<typeof statsChanges>[0];

  async function load(bookings: number) {
    const client = localClient(dynamo.endpoint);
    try {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
    } catch {
      // first run: no table yet
    }
    client.destroy();
    await ensureTable(dynamo.endpoint, tableName);

    const r = rng(42);
    const items = new Map<string, Record<string, unknown>>();
    const apply = (fact: Fact) => {
      for (const c of statsChanges(fact)) {
        const id = `${c.Key.pk}|${c.Key.sk}`;
        let item = items.get(id);
        if (!item) {
          item = { ...c.Key };
          items.set(id, item);
        }
        Object.assign(item, c.set);
        for (const [k, v] of Object.entries(c.add)) item[k] = ((item[k] as number) ?? 0) + v;
      }
    };
    let facts = 0;
    for (let i = 0; i < bookings; i++) {
      const listing = r.pick(LISTINGS);
      const at = new Date(YEAR_END.getTime() - Math.floor(r.next() * 365 * DAY_MS));
      const later = (hours: number) => new Date(at.getTime() + hours * 3_600_000);
      const f = (event: Fact["event"], when: Date, extra: Partial<Fact> = {}) => {
        facts++;
        apply({ ...listing, event, at: when, ...extra });
      };
      const u = r.next();
      let start: "requested" | "waitlisted" = "requested";
      if (u < 0.06) {
        start = "waitlisted";
        f("waitlisted", at);
        if (r.next() < 0.5) {
          f("cancelled", later(10), { from: "waitlisted" });
          continue;
        }
        f("promoted", later(12), { from: "waitlisted" });
      } else f("requested", at);
      const o = r.next();
      if (o < 0.12) f("declined", later(3), { from: "requested" });
      else if (o < 0.2) f("expired", later(48), { from: "requested" });
      else if (o < 0.25) f("cancelled", later(2), { from: "requested" });
      else {
        const h = r.next() * r.next() * 40 + (start === "waitlisted" ? 12 : 0);
        f("accepted", later(h), { from: "requested", hoursToAccept: h % 40 });
        if (r.next() < 0.1) f("cancelled", later(h + 24), { from: "accepted" });
        else {
          f("completed", later(h + 48), { from: "accepted", hours: 0.5 + Math.floor(r.next() * 8) / 2 });
          if (r.next() < 0.6)
            f("reviewed", later(h + 60), { from: "completed", stars: 1 + Math.floor(r.next() ** 0.3 * 5) });
        }
      }
      if (r.next() < 0.03) {
        const month = localMonth(at);
        const key = keys.searchMiss(month, r.pick(MISS_WORDS));
        const id = `${key.pk}|${key.sk}`;
        const item = items.get(id) ?? { ...key, day: month, q: key.sk.slice(8), count: 0 };
        item.count = (item.count as number) + 1;
        items.set(id, item);
      }
    }
    const live: Record<string, unknown> = { ...keys.categoryCounts() };
    for (const c of CATEGORIES.slice(0, 6)) live[c.slug] = 10;
    for (const c of COMMUNITIES.slice(0, 10)) live[`community:${c}`] = 8;
    items.set("live", live);
    const started = Date.now();
    await writeAll([...items.values()].map((Item) => ({ PutRequest: { Item } })));
    return { facts, counterItems: items.size, loadMs: Date.now() - started };
  }

  async function measure(query: { from?: string; to?: string }) {
    const runs: { ms: number; requests: number; pages: string }[] = [];
    let totals: { requested: number } | undefined;
    for (let i = 0; i < READS; i++) {
      sentCommands.length = 0;
      const t = performance.now();
      const s = await readStats(query, YEAR_END);
      runs.push({ ms: performance.now() - t, requests: sentCommands.length, pages: sentCommands.join(",") });
      totals = s.totals;
    }
    const warm = runs
      .slice(2)
      .map((x) => x.ms)
      .sort((a, b) => a - b);
    return {
      requests: runs.at(-1)?.requests ?? 0,
      medianMs: Math.round((warm[Math.floor(warm.length / 2)] ?? 0) * 10) / 10,
      requestedInRange: totals?.requested ?? 0,
    };
  }

  const results: Record<string, unknown>[] = [];
  try {
    for (const n of [10_000, 200_000]) {
      const loaded = await load(n);
      const month = await measure({});
      const year = await measure({ from: "2025-01-01", to: "2025-12-31" });
      const row = {
        bookings: n,
        facts: loaded.facts,
        counterItems: loaded.counterItems,
        "30 days: requests": month.requests,
        "30 days: ms (median)": month.medianMs,
        "30 days: bookings requested": month.requestedInRange,
        "365 days: requests": year.requests,
        "365 days: ms (median)": year.medianMs,
        "365 days: bookings requested": year.requestedInRange,
      };
      results.push(row);
      console.log(JSON.stringify(row));
    }
    console.table(results);
  } finally {
    await dynamo.stop();
  }
}

await main();
