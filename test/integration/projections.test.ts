/**
 * The stream projector's guarantees, on real DynamoDB Local with the real poller:
 * - exactly-once effect: the projector crashing mid-batch (before a write, and
 *   after a transaction committed but before it heard so) and being redelivered
 *   the batch, and the whole stream fed to it twice more, leave every figure exact;
 * - reconcile: recomputes every figure from the records, finds planted drift item
 *   by item, and repairs it; `npm run reconcile` exits 1 on drift, 0 once repaired.
 */
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reconcile } from "../../functions/domain/projections/reconcile.ts";
import { ddb, TABLE_NAME } from "../../functions/lib/db.ts";
import { handler as project } from "../../functions/stream/project.ts";
import { startStreamPoller, streamInvocation } from "../../infra/local/stream.ts";
import { keys } from "../../shared/keys.ts";
import { startApi, type TestApi } from "../support/api.ts";
import { admin, eventInput, listingInput, resident, volunteer } from "../support/builders.ts";
import { recorder, resetRecorder } from "../support/stream-recorder.ts";

let api: TestApi;
let recording: ReturnType<typeof startStreamPoller>;
let vToken: string;
let aToken: string;
const rTokens: string[] = [];
/** Faults to inject into the projector's own DynamoDB commands, in order. */
const faults: { command: string; when: "before" | "after" }[] = [];
const injected: string[] = [];

beforeAll(async () => {
  resetRecorder();
  ddb.middlewareStack.add(
    (next, context) => async (args) => {
      const fault = streamInvocation() === "stream/project" ? faults[0] : undefined;
      if (!fault || `${context.commandName}` !== `${fault.command}Command`) return next(args);
      faults.shift();
      injected.push(`${fault.command}:${fault.when}`);
      if (fault.when === "before") throw new Error(`injected crash before ${fault.command}`);
      await next(args);
      throw new Error(`injected crash after ${fault.command} committed`);
    },
    { step: "initialize", name: "projectorFaults" },
  );
  api = await startApi();
  // A second consumer of the same stream keeps every record, to feed them again later.
  recording = startStreamPoller({
    endpoint: process.env.DYNAMODB_ENDPOINT ?? "",
    tableName: process.env.TABLE_NAME ?? "",
    consumers: [
      {
        handler: "../test/support/stream-recorder",
        summary: "records",
        batchSize: 100,
        maxBatchingWindowSeconds: 0,
        retryAttempts: 0,
        pollIntervalMs: 50,
      },
    ],
    asOf: false,
  });
  vToken = await api.login(volunteer(1));
  aToken = await api.login(admin());
  for (let i = 1; i <= 12; i++) rTokens.push(await api.login(resident(i)));
});
afterAll(async () => {
  await recording.stop();
  await api.close();
});

const r = (i: number) => rTokens[i - 1] as string;
const post = (path: string, token: string, body?: unknown) => api.request("POST", path, { token, body });

/** Every kind of change: joins with seats and on the waitlist, each transition, a lock, reviews. */
async function workload() {
  // Under way since an hour ago: its bookings may be completed (issue 20.2: not before the start).
  const startsAt = new Date(Date.now() - 3_600_000).toISOString();
  const event = (await post("/api/listings", vToken, eventInput({ capacity: 4, startsAt }))).body;
  const offer = (await post("/api/listings", vToken, listingInput({ capacity: 6 }))).body;
  const joins = await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      post(`/api/listings/${event.id}/bookings`, r(i + 1), { phone: "13700001111" }),
    ),
  );
  for (const j of joins) expect(j.status, j.text).toBe(201);
  const seated = joins.filter((j) => j.body.status === "requested").map((j) => j.body);
  expect(seated).toHaveLength(4);
  const [a, b, c, d] = seated;
  expect((await post(`/api/bookings/${a.id}/accept`, vToken)).status).toBe(200);
  expect(
    (await post(`/api/bookings/${a.id}/complete`, vToken, { hours: 2.5, code: a.completionCode })).status,
  ).toBe(200);
  expect((await post(`/api/bookings/${b.id}/decline`, vToken, { reason: "时间冲突" })).status).toBe(200);
  const cancelled = await post(`/api/bookings/${c.id}/cancel`, tokenOf(c));
  expect(cancelled.status, cancelled.text).toBe(200);
  expect((await post(`/api/bookings/${d.id}/accept`, vToken)).status).toBe(200);
  const wrong = d.completionCode === "000000" ? "111111" : "000000";
  for (let i = 0; i < 5; i++) {
    const res = await post(`/api/bookings/${d.id}/complete`, vToken, { hours: 1, code: wrong });
    expect(res.status, res.text).toBe(409);
  }
  await post(`/api/bookings/${d.id}/complete`, vToken, { hours: 1, code: "000000x" });
  expect((await post(`/api/bookings/${d.id}/confirm`, tokenOf(d), { hours: 1 })).status).toBe(200);
  expect((await post(`/api/bookings/${a.id}/review`, tokenOf(a), { stars: 5, comment: "很好" })).status).toBe(
    201,
  );
  const rd = await post(`/api/bookings/${d.id}/review`, tokenOf(d), { stars: 2 });
  expect(rd.status).toBe(201);
  expect((await post(`/api/admin/reviews/${rd.body.id}/hide`, aToken, { reason: "不实" })).status).toBe(200);
  const more = await Promise.all(
    [9, 10, 11].map((i) => post(`/api/listings/${offer.id}/bookings`, r(i), { phone: "13900002222" })),
  );
  for (const m of more) expect(m.status).toBe(201);
  const served = more[0]?.body;
  const accepted = await post(`/api/bookings/${served.id}/accept`, vToken);
  expect(accepted.status, accepted.text).toBe(200);
  const done = await post(`/api/bookings/${served.id}/complete`, vToken, {
    hours: 1.5,
    code: served.completionCode,
  });
  expect(done.status, done.text).toBe(200);
  expect((await post(`/api/bookings/${served.id}/review`, r(9), { stars: 4 })).status).toBe(201);
  return { event, offer };
}

const tokenOf = (b: { residentId: string }) => r(Number(b.residentId.replace("r-t", "")));

/** What a district and its people see: the dashboard, everyone's notices, the listings and rankings. */
async function seen() {
  const stats = (await api.request("GET", "/api/admin/stats", { token: aToken })).body;
  delete stats.asOf;
  const notes: unknown[] = [];
  for (const t of [vToken, ...rTokens])
    notes.push((await api.request("GET", "/api/me/notifications", { token: t })).body);
  const audit = (await api.request("GET", "/api/admin/contact-reads", { token: aToken })).body;
  const rankings = (await api.request("GET", "/api/rankings?by=volunteer&period=all")).body;
  return { stats, notes, audit, rankings };
}

const allRecords = (): DynamoDBRecord[] => recorder().batches.flat();

let before: Awaited<ReturnType<typeof seen>>;

describe("the stream projector", () => {
  it("stays exact when it crashes mid-batch, before a write and after a commit it never heard of", async () => {
    faults.push(
      { command: "TransactWriteItems", when: "after" },
      { command: "PutItem", when: "before" },
      { command: "TransactWriteItems", when: "before" },
      { command: "TransactWriteItems", when: "after" },
    );
    await workload();
    await api.settle(30_000);
    await recording.settle(30_000);
    expect(injected).toHaveLength(4);
    const { drift } = await reconcile();
    expect(drift).toEqual([]);
    before = await seen();
    expect(before.stats.totals).toMatchObject({
      requested: 7,
      waitlisted: 4,
      promoted: 2,
      accepted: 3,
      completed: 3,
      declined: 1,
      cancelled: 1,
      hoursServed: 5,
      ratingCount: 2,
    });
    // Exactly one "locked" notice, though the lock came in a batch that crashed and was redelivered.
    const residentNotes = before.notes.flatMap((n) => (n as { items: { type: string }[] }).items);
    expect(residentNotes.filter((n) => n.type === "locked")).toHaveLength(1);
  });

  it("changes nothing when the whole stream is fed to it twice more", async () => {
    const records = allRecords();
    expect(records.length).toBeGreaterThan(20);
    for (let round = 0; round < 2; round++) {
      const size = round === 0 ? 100 : 7; // other batch boundaries than the first delivery's
      for (let i = 0; i < records.length; i += size) {
        const res = await project({ Records: records.slice(i, i + size) });
        expect(res.batchItemFailures).toEqual([]);
      }
    }
    expect(await seen()).toEqual(before);
    expect((await reconcile()).drift).toEqual([]);
  });
});

describe("reconcile", () => {
  /** `npm run reconcile`, run as a child process (async: the API and projector share this process). */
  const cli = (...args: string[]) =>
    new Promise<{ status: number; stdout: string; stderr: string }>((done) => {
      execFile(
        process.execPath,
        [resolve(import.meta.dirname, "../../infra/local/reconcile.ts"), ...args],
        { env: { ...process.env, POWERTOOLS_LOG_LEVEL: "SILENT" }, encoding: "utf8", timeout: 60_000 },
        (err, stdout, stderr) => done({ status: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
      );
    });

  it("finds planted drift item by item, and --repair puts the figures back", async () => {
    const event = (await api.request("GET", "/api/volunteer/listings", { token: vToken })).body.items[0];
    const plant = (key: { pk: string; sk: string }, expression: string, values: Record<string, unknown>) =>
      ddb.send(
        new UpdateCommand({
          TableName: TABLE_NAME,
          Key: key,
          UpdateExpression: expression,
          ExpressionAttributeValues: values,
        }),
      );
    await plant(keys.statsDay("community", "2020-01-01", "无人社区"), "ADD requested :n", { ":n": 3 });
    await plant(keys.user("v-t1"), "ADD hoursServed :n", { ":n": 10 });
    await plant(keys.listing(event.id), "SET completedCount = :n", { ":n": 99 });
    const { drift } = await reconcile();
    expect(drift).toEqual(
      expect.arrayContaining([
        { key: `STATS#community|2020-01-01#无人社区`, attribute: "requested", expected: 0, actual: 3 },
        { key: "USER#v-t1|PROFILE", attribute: "hoursServed", expected: 5, actual: 15 },
        expect.objectContaining({
          key: `LISTING#${event.id}|LISTING`,
          attribute: "completedCount",
          actual: 99,
        }),
      ]),
    );
    expect(drift).toHaveLength(3);

    const found = await cli();
    expect(found.status, found.stderr).toBe(1);
    expect(found.stdout).toContain("hoursServed: expected 5, found 15");
    const repaired = await cli("--repair");
    expect(repaired.status, repaired.stderr).toBe(0);
    const clean = await cli();
    expect(clean.status, clean.stdout + clean.stderr).toBe(0);
    expect(clean.stdout).toContain("No drift");
    expect(await seen()).toEqual(before);
  });
});
