/**
 * The fast load (infra/local/demo-load.ts) of the whole demo district, as `npm start`
 * does it on an empty database: made and projected in memory, written in bulk, the
 * stream taken up after it. Then reconcile finds no drift, the poller started after
 * the load hands the projector nothing of it (not projected twice), and a join made
 * after it is projected as usual.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { joinListing } from "../../functions/domain/bookings/join.ts";
import { reconcile } from "../../functions/domain/projections/reconcile.ts";
import { asUser, demoDistrict, isDemoLoaded, loadDemoDistrict } from "../../infra/local/demo.ts";
import { type StreamPoller, startStreamPoller } from "../../infra/local/stream.ts";

const endpoint = process.env.DYNAMODB_ENDPOINT ?? "";
const tableName = process.env.TABLE_NAME ?? "";
const dir = mkdtempSync(join(tmpdir(), "demo-load-"));
const checkpointFile = join(dir, "stream-checkpoints.json");
let poller: StreamPoller | undefined;

afterAll(async () => {
  await poller?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it("loads the demo district so that reconcile finds no drift and the stream goes on after it", async () => {
  // Arrange: an empty table.
  expect(await isDemoLoaded()).toBe(false);

  // Act: the load `npm start` makes.
  const loaded = await loadDemoDistrict(new Date(), { endpoint, tableName, checkpointFile });

  // Assess: all of it is there, every derived figure matches the records.
  expect(loaded).toMatchObject({ listings: 150, people: 65 });
  // Listings, people, sessions, ~500 bookings and what they leave (the search index is built at start).
  expect(loaded.items).toBeGreaterThan(2_000);
  expect(await isDemoLoaded()).toBe(true);
  expect((await reconcile()).drift).toEqual([]);
  const cp = JSON.parse(readFileSync(checkpointFile, "utf8"));
  expect(Object.keys(cp)).toEqual(["stream/project"]);

  // Act: the poller, started after the load, reads on from the checkpoint.
  poller = startStreamPoller({ endpoint, tableName, checkpointFile, log: () => undefined });
  await poller.settle(60_000);
  // Assess: nothing of the load is projected again.
  expect(poller.stats().delivered).toBe(0);
  expect((await reconcile()).drift).toEqual([]);

  // Act: a resident joins a listing after the load (one that takes them: not joined yet, not full).
  const d = demoDistrict();
  const open = d.listings.filter((l) => l.status === "published" && !l.schedule);
  let booking: { id: string } | undefined;
  for (const [i, resident] of d.residents.entries()) {
    const listing = open[(i * 7) % open.length];
    if (!listing) continue;
    booking = await joinListing(asUser(resident), listing.id, {
      phone: "13800000000",
      address: "1幢101室",
    }).catch(() => undefined);
    if (booking) break;
  }
  await poller.settle(60_000);

  // Assess: that change is projected from the stream, and still no drift.
  expect(booking?.id).toBeTruthy();
  expect(poller.stats().processed).toBeGreaterThan(0);
  expect((await reconcile()).drift).toEqual([]);
}, 300_000);
