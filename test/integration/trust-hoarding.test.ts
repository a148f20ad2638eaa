/**
 * Trust and safety, issue 19.4: seat hoarding, replayed against the local stack.
 * One account grabs a sixth seat (one at a time, and six at once); several accounts
 * take one listing's seats with one phone number; a resident cancels within 2 h of
 * the start again and again — counted from the stream and shown to the volunteer on
 * the booking card, never refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reconcile } from "../../functions/domain/projections/reconcile.ts";
import { startApi, type TestApi } from "../support/api.ts";
import { eventInput, listingInput, resident, volunteer } from "../support/builders.ts";

let api: TestApi;
const t: Record<string, string> = {};
const HOUR = 3_600_000;

beforeAll(async () => {
  api = await startApi();
  t.v = await api.login(volunteer(61));
  for (let i = 61; i <= 66; i++) t[`r${i}`] = await api.login(resident(i));
  t.sA = await api.login({ sub: "s-hoard1", role: "staff", name: "社工甲", community: "大关西苑社区" });
  t.sB = await api.login({ sub: "s-hoard2", role: "staff", name: "社工乙", community: "长乐社区" });
});
afterAll(() => api.close());

const post = (path: string, token: string, body?: unknown) =>
  api.request("POST", path, { token, ...(body !== undefined ? { body } : {}) });
const listing = async (input = listingInput({ capacity: 10 })) =>
  (await post("/api/listings", t.v as string, input)).body.id as string;
const join = (id: string, token: string, phone: string) =>
  post(`/api/listings/${id}/bookings`, token, { phone });

describe("seat hoarding", () => {
  it("holds at most 5 live bookings per account; a sixth is 409 until one ends", async () => {
    const ids = await Promise.all(Array.from({ length: 7 }, () => listing()));
    const made: string[] = [];
    for (const id of ids.slice(0, 5)) {
      const j = await join(id, t.r61 as string, "13900006101");
      expect(j.status, j.text).toBe(201);
      made.push(j.body.id);
    }
    const sixth = await join(ids[5] as string, t.r61 as string, "13900006101");
    expect(sixth.status, sixth.text).toBe(409);
    expect(sixth.body.error.code).toBe("TOO_MANY_LIVE_BOOKINGS");
    expect(sixth.body.error.message).toContain("5");
    // Nothing was taken on the sixth listing
    expect((await api.request("GET", `/api/listings/${ids[5]}`)).body.seatsTaken).toBe(0);
    // One ends (cancelled): there is room again
    expect((await post(`/api/bookings/${made[0]}/cancel`, t.r61 as string)).status).toBe(200);
    expect((await join(ids[5] as string, t.r61 as string, "13900006101")).status).toBe(201);
    expect((await join(ids[6] as string, t.r61 as string, "13900006101")).body.error.code).toBe(
      "TOO_MANY_LIVE_BOOKINGS",
    );
  });

  it("lets only 5 of 6 simultaneous joins of one account through", async () => {
    const ids = await Promise.all(Array.from({ length: 6 }, () => listing()));
    const res = await Promise.all(ids.map((id) => join(id, t.r62 as string, "13900006201")));
    expect(res.filter((r) => r.status === 201)).toHaveLength(5);
    expect(res.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual([
      "TOO_MANY_LIVE_BOOKINGS",
    ]);
  });

  it("holds one live seat per proven phone per listing, under any registration", async () => {
    // Two desks register the same number (one registration per phone and community)
    const reg = async (token: string, name: string) =>
      (await post("/api/staff/residents", token, { name, phone: "13900006301", consent: true })).body
        .id as string;
    const x = await reg(t.sA as string, "马大爷");
    const y = await reg(t.sB as string, "马大妈");
    const id = await listing();
    const other = await listing();
    const first = await post(`/api/listings/${id}/bookings`, t.sA as string, { onBehalfOf: x });
    expect(first.status, first.text).toBe(201);
    // The same proven number again on this listing: refused, nothing taken
    const second = await post(`/api/listings/${id}/bookings`, t.sB as string, { onBehalfOf: y });
    expect(second.status, second.text).toBe(409);
    expect(second.body.error.code).toBe("PHONE_ALREADY_BOOKED");
    expect((await api.request("GET", `/api/listings/${id}`)).body.seatsTaken).toBe(1);
    // On another listing: fine
    expect((await post(`/api/listings/${other}/bookings`, t.sB as string, { onBehalfOf: y })).status).toBe(
      201,
    );
    // A number merely typed proves nothing, so it holds no guard (and blocks no one)
    expect((await join(id, t.r63 as string, "13900006301")).status).toBe(201);
    // Once the first booking ends, the number may hold this listing's seat again
    expect((await post(`/api/bookings/${first.body.id}/cancel`, t.sA as string)).status).toBe(200);
    expect((await post(`/api/listings/${id}/bookings`, t.sB as string, { onBehalfOf: y })).status).toBe(201);
  });

  it("shows the volunteer how often a resident cancelled within 2 h of the start, and never refuses them", async () => {
    const soon = () => eventInput({ startsAt: new Date(Date.now() + HOUR).toISOString(), capacity: 5 });
    const later = eventInput({ startsAt: new Date(Date.now() + 3 * 24 * HOUR).toISOString(), capacity: 5 });
    // Two late cancellations, and one in good time (not counted)
    for (const input of [soon(), soon(), later]) {
      const id = await listing(input);
      const j = await join(id, t.r66 as string, "13900006601");
      expect(j.status, j.text).toBe(201);
      expect((await post(`/api/bookings/${j.body.id}/cancel`, t.r66 as string)).status).toBe(200);
    }
    // She books again: nothing stops her
    const id = await listing(soon());
    const again = await join(id, t.r66 as string, "13900006601");
    expect(again.status, again.text).toBe(201);
    await api.settle();
    const cards = (await api.request("GET", "/api/volunteer/bookings", { token: t.v })).body.items;
    const card = cards.find((b: { id: string }) => b.id === again.body.id);
    expect(card.residentLateCancels).toBe(2);
    // Others' cards carry nothing
    expect(
      cards.filter(
        (b: { residentId: string; residentLateCancels?: number }) =>
          b.residentId !== resident(66).sub && b.residentLateCancels !== undefined,
      ),
    ).toEqual([]);
    // The resident's own view does not carry it
    const mine = (await api.request("GET", `/api/bookings/${again.body.id}`, { token: t.r66 })).body;
    expect(mine.residentLateCancels).toBeUndefined();
    // Reconcile recounts it from the bookings: no drift
    expect((await reconcile()).drift).toEqual([]);
  });
});
