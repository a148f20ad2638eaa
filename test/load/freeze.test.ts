/**
 * The workload with the database frozen mid-rush: this file's own DynamoDB Local
 * (so freezing it stops nobody else's tests), a rush of 150 joins on a 40-seat event
 * beside the random workload, and the Java process stopped (SIGSTOP) for 2.5 s soon
 * after the rush starts, then continued (SIGCONT). Every answer is 200, 201, 409 or
 * 503, none later than the client's 29 s deadline (API Gateway's own); a 503'd join is retried with the
 * same Idempotency-Key, as the storefront does. Afterwards everything the workload
 * test checks still holds, and reconcile finds no drift.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { ensureTable, startDynamo } from "../../infra/local/dynamo.ts";
import { freePort } from "../support/global-setup.ts";

// This file's own DynamoDB Local, and the handlers pointed at it before any of them loads.
const dynamo = await startDynamo({ port: await freePort() });
process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
await ensureTable(dynamo.endpoint, process.env.TABLE_NAME ?? "");
const { startApi } = await import("../support/api.ts");
const { admin, eventInput, listingInput, resident, volunteer } = await import("../support/builders.ts");
const { loadClient } = await import("../support/http-client.ts");
const { checkInvariants, merged, runWorkload } = await import("../support/workload.ts");
const { reconcile } = await import("../../functions/domain/projections/reconcile.ts");
type Actor = import("../support/workload.ts").Actor;
type WorkloadListing = import("../support/workload.ts").WorkloadListing;

const FREEZE_MS = Number(process.env.FREEZE_MS ?? 2500);
const RUSH = 150;
const RUSH_SEATS = 40;

let api: Awaited<ReturnType<typeof startApi>>;
let client: ReturnType<typeof loadClient>;
let adminToken: string;
let frozen = false;
const listings: WorkloadListing[] = [];
let rushListing: WorkloadListing;
const residents: Actor[] = [];
const rushers: Actor[] = [];

const thaw = () => {
  if (frozen) process.kill(dynamo.pid, "SIGCONT");
  frozen = false;
};

beforeAll(async () => {
  api = await startApi();
  client = loadClient(api.url, RUSH + 20);
  adminToken = await api.login(admin());
  const vs: Actor[] = [];
  for (const i of [61, 62]) vs.push({ sub: volunteer(i).sub, token: await api.login(volunteer(i)) });
  for (let i = 0; i < 20; i++)
    residents.push({ sub: resident(700 + i).sub, token: await api.login(resident(700 + i)) });
  for (let i = 0; i < RUSH; i += 30) {
    const chunk = await Promise.all(
      Array.from({ length: Math.min(30, RUSH - i) }, async (_, k) => {
        const p = resident(800 + i + k);
        return { sub: p.sub, token: await api.login(p) };
      }),
    );
    rushers.push(...chunk);
  }
  const create = async (v: Actor, kind: "event" | "on_demand", capacity: number) => {
    const body = kind === "event" ? eventInput({ capacity }) : listingInput({ capacity });
    const res = await api.request("POST", "/api/listings", { token: v.token, body });
    expect(res.status, res.text).toBe(201);
    return { id: res.body.id as string, kind, capacity, volunteer: v };
  };
  listings.push(
    await create(vs[0] as Actor, "event", 3),
    await create(vs[1] as Actor, "event", 4),
    await create(vs[0] as Actor, "on_demand", 2),
  );
  rushListing = await create(vs[1] as Actor, "event", RUSH_SEATS);
});
afterAll(async () => {
  thaw();
  client?.close();
  await api?.close();
  await dynamo.stop();
});

it(`DynamoDB Local frozen for ${FREEZE_MS} ms mid-rush: only 200/201/409/503, nothing lost, no drift`, async () => {
  // Act: the rush and the workload together; the freeze 300 ms into the rush
  await client.warm(RUSH + 10);
  const common = { client, alsoAllowed: [503], timeoutMs: 29_000, maxMs: 45_000 };
  const rush = runWorkload({
    ...common,
    listings: [rushListing],
    residents: rushers,
    seed: 101,
    ops: RUSH,
    concurrency: RUSH,
    joinsOnly: true,
  });
  const workload = runWorkload({ ...common, listings, residents, seed: 102, ops: 160, concurrency: 6 });
  let rushAnswered = false;
  void rush.then(() => {
    rushAnswered = true;
  });
  await new Promise((r) => setTimeout(r, 300));
  const midRush = !rushAnswered;
  process.kill(dynamo.pid, "SIGSTOP");
  frozen = true;
  await new Promise((r) => setTimeout(r, FREEZE_MS));
  thaw();
  const result = merged(await rush, await workload);
  await api.settle(60_000);

  // Assess: the freeze did land mid-rush; allowed answers only (status 0 would be no answer within 29 s)
  expect(midRush).toBe(true);
  expect(
    result.violations.slice(0, 5),
    `${result.violations.length} answers not allowed; all: ${JSON.stringify(result.counts)}`,
  ).toEqual([]);
  const rushed = [...result.bookings.values()].filter((b) => b.listingId === rushListing.id);
  expect(rushed.filter((b) => b.joinedAs === "requested")).toHaveLength(RUSH_SEATS);
  // Everything the workload test checks, over the rush's listing too
  expect(await checkInvariants(api, adminToken, [...listings, rushListing], result)).toEqual([]);
  const { drift } = await reconcile();
  expect(drift).toEqual([]);
}, 120_000); // a margin over the ~30–50 s it takes here, for a run beside the whole suite
