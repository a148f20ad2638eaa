/**
 * Join benchmark on the local stack: its own DynamoDB Local (in memory, free port)
 * and its own API server, 500 residents pressing 加入该项目 at once on one event
 * (50 seats, the rest waitlisted). Prints joins/s and p50/p99 latency, checks that
 * nothing was overbooked, and stops both.
 *
 *   node test/bench/join.ts            (JOINS=500 SEATS=50 to change)
 */

import { startBenchServer, startBenchStack } from "./local-stack.ts";

const JOINS = Number(process.env.JOINS ?? 500);
const SEATS = Number(process.env.SEATS ?? 50);

const stack = await startBenchStack("bench");
let server: Awaited<ReturnType<typeof startBenchServer>> | undefined;
try {
  server = await startBenchServer();
  const { base, issuer } = server;
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${base}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const vToken = await issuer.issue({
    sub: "v-bench",
    role: "volunteer",
    name: "王师傅",
    branch: "第一党支部",
  });
  const listing = await post(
    "/api/listings",
    {
      title: "广场舞教学",
      description: "压测用活动",
      category: "culture",
      kind: "event",
      community: "大关西苑社区",
      mode: "venue",
      capacity: SEATS,
      startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    },
    vToken,
  );
  const id = String(listing.body.id);
  const tokens = await Promise.all(
    Array.from({ length: JOINS }, (_, i) =>
      issuer.issue({ sub: `r-bench-${i}`, role: "resident", name: `居民${i}` }),
    ),
  );
  // Warm the handler module and the connection pool outside the measurement.
  await fetch(`${base}/api/listings/${id}`);

  const { sentCommands } = await import("../../functions/lib/db.ts");
  sentCommands.length = 0;
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const started = performance.now();
  await Promise.all(
    tokens.map(async (token) => {
      const t0 = performance.now();
      const res = await post(`/api/listings/${id}/bookings`, { phone: "13812341234" }, token);
      latencies.push(performance.now() - t0);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }),
  );
  const wall = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  const after = (await (await fetch(`${base}/api/listings/${id}`)).json()) as {
    seatsTaken: number;
    waitlistCount: number;
  };
  console.log(`${JOINS} concurrent joins on an event of ${SEATS} seats (DynamoDB Local, one process)`);
  console.log(`  statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
  console.log(`  wall ${wall.toFixed(2)} s → ${(JOINS / wall).toFixed(1)} joins/s`);
  console.log(
    `  latency p50 ${q(0.5).toFixed(0)} ms · p99 ${q(0.99).toFixed(0)} ms · max ${q(1).toFixed(0)} ms`,
  );
  const count = (name: string) => sentCommands.filter((c) => c === name).length;
  console.log(
    `  DynamoDB requests: ${count("TransactWriteItems")} TransactWriteItems (${JOINS} committed, the rest retried after a conflict), ${count("GetItem")} GetItem, ${count("Query")} Query`,
  );
  console.log(`  listing after: seatsTaken ${after.seatsTaken}, waitlistCount ${after.waitlistCount}`);
  const ok =
    statuses.get(201) === JOINS && after.seatsTaken === SEATS && after.waitlistCount === JOINS - SEATS;
  console.log(ok ? "  ✓ no overbooking, everyone booked or waitlisted" : "  ✗ invariant broken");
  process.exitCode = ok ? 0 : 1;
} finally {
  await server?.close();
  await stack.stop();
}
