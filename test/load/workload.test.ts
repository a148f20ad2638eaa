/**
 * A bounded random workload (seeded; ~300 operations, 6 at a time, 40 s at most)
 * through the real server, DynamoDB Local and the stream projectors: joins, accepts,
 * declines, cancels, completions with the 核销码, confirms, reviews and expiries on a
 * few small events and on-demand listings. Every answer is one the API may give
 * (no 5xx). Once it is over and projected: seats and waitlists match the bookings,
 * nobody is overbooked or waits beside a free seat, no committed booking is lost,
 * listing figures, hours and the dashboard (asOf past the last write) equal a
 * recount, and reconcile finds no drift.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { reconcile } from "../../functions/domain/projections/reconcile.ts";
import { startApi, type TestApi } from "../support/api.ts";
import { admin, eventInput, listingInput, resident, volunteer } from "../support/builders.ts";
import { type LoadClient, loadClient } from "../support/http-client.ts";
import { type Actor, checkInvariants, runWorkload, type WorkloadListing } from "../support/workload.ts";

const SEED = Number(process.env.WORKLOAD_SEED ?? 9);

let api: TestApi;
let client: LoadClient;
let adminToken: string;
const listings: WorkloadListing[] = [];
const residents: Actor[] = [];

beforeAll(async () => {
  api = await startApi();
  client = loadClient(api.url, 20);
  adminToken = await api.login(admin());
  const vs: Actor[] = [];
  for (const i of [51, 52]) vs.push({ sub: volunteer(i).sub, token: await api.login(volunteer(i)) });
  for (let i = 0; i < 24; i++)
    residents.push({ sub: resident(500 + i).sub, token: await api.login(resident(500 + i)) });
  const shapes = [
    { kind: "event", capacity: 3, v: 0 },
    { kind: "event", capacity: 5, v: 0 },
    { kind: "event", capacity: 2, v: 1 },
    { kind: "on_demand", capacity: 2, v: 0 },
    { kind: "on_demand", capacity: 3, v: 1 },
  ] as const;
  for (const s of shapes) {
    const v = vs[s.v] as Actor;
    const body =
      s.kind === "event" ? eventInput({ capacity: s.capacity }) : listingInput({ capacity: s.capacity });
    const res = await api.request("POST", "/api/listings", { token: v.token, body });
    expect(res.status, res.text).toBe(201);
    listings.push({ id: res.body.id, kind: s.kind, capacity: s.capacity, volunteer: v });
  }
});
afterAll(async () => {
  client?.close();
  await api?.close();
});

it(`a random workload (seed ${SEED}) keeps every invariant, and reconcile finds no drift`, async () => {
  // Act
  const result = await runWorkload({
    client,
    listings,
    residents,
    seed: SEED,
    ops: 300,
    concurrency: 6,
    maxMs: 40_000,
  });
  await api.settle(30_000);

  // Assess
  expect(result.violations, JSON.stringify(result.counts)).toEqual([]);
  expect(result.bookings.size).toBeGreaterThan(20);
  // The run did exercise every move (else the seed is a dud)
  const ok = (op: string, status: number) => (result.counts[op]?.[status] ?? 0) > 0;
  const done = [
    ["join", 201],
    ["accept", 200],
    ["decline", 200],
    ["cancel", 200],
    ["complete", 200],
    ["complete (wrong code)", 409],
    ["confirm", 200],
    ["review", 201],
    ["expire", 200],
  ] as const;
  expect(
    done.filter(([op, st]) => !ok(op, st)),
    JSON.stringify(result.counts),
  ).toEqual([]);
  const joined = [...result.bookings.values()];
  expect(joined.some((b) => b.joinedAs === "waitlisted")).toBe(true);
  expect(await checkInvariants(api, adminToken, listings, result)).toEqual([]);
  const { drift } = await reconcile();
  expect(drift).toEqual([]);
}, 120_000); // a margin over the ~30–50 s it takes here, for a run beside the whole suite
