/**
 * Joining (加入该项目) and what follows, driven through the real local server
 * against DynamoDB Local: no overbooking under concurrency, waitlists and their
 * promotion, idempotent retries, privacy, proof of service, expiry, notifications.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startApi, type TestApi } from "../support/api.ts";
import { admin, eventInput, listingInput, resident, volunteer } from "../support/builders.ts";
import { sentCommands } from "../support/commands.ts";

let api: TestApi;
let vToken: string;
let aToken: string;
const residents: string[] = [];

const PHONE = "13812341234";

beforeAll(async () => {
  api = await startApi();
  vToken = await api.login(volunteer(1));
  aToken = await api.login(admin());
  for (let i = 1; i <= 200; i++) residents.push(await api.login(resident(i)));
});
afterAll(() => api.close());
afterEach(() => {
  vi.useRealTimers();
});

const r = (i: number) => residents[i - 1] as string;

async function create(overrides: Record<string, unknown> = {}, token = vToken) {
  const res = await api.request("POST", "/api/listings", { token, body: listingInput(overrides) });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; title: string };
}

function join(listingId: string, token: string, headers: Record<string, string> = {}) {
  return api.request("POST", `/api/listings/${listingId}/bookings`, {
    token,
    headers,
    body: { phone: PHONE, address: "大关西苑 3 幢 2 单元 501", note: "下午在家" },
  });
}

const listing = async (id: string) => (await api.request("GET", `/api/listings/${id}`)).body;
const booking = async (id: string, token: string) =>
  (await api.request("GET", `/api/bookings/${id}`, { token })).body;
const act = (id: string, action: string, token: string, body?: unknown) =>
  api.request("POST", `/api/bookings/${id}/${action}`, { token, ...(body !== undefined ? { body } : {}) });

describe("joining", () => {
  it("200 concurrent joins on an event of 10 seats: exactly 10 seats, 190 waitlisted; a cancel promotes exactly one", async () => {
    // Prepare
    const event = await api.request("POST", "/api/listings", {
      token: vToken,
      body: eventInput({ capacity: 10 }),
    });
    const id = event.body.id as string;
    // Act
    const answers = await Promise.all(residents.map((t) => join(id, t)));
    // Assess
    expect(answers.map((a) => a.status)).toEqual(residents.map(() => 201));
    const holding = answers.filter((a) => a.body.status === "requested");
    const waiting = answers.filter((a) => a.body.status === "waitlisted");
    expect(holding).toHaveLength(10);
    expect(waiting).toHaveLength(190);
    expect(await listing(id)).toMatchObject({ seatsTaken: 10, waitlistCount: 190, capacity: 10 });
    // Every waitlisted booking knows a distinct place in the queue.
    const places = waiting.map((a) => a.body.id as string);
    const byResident = new Map(answers.map((a, i) => [a.body.id as string, residents[i] as string]));
    const positions = await Promise.all(
      places.map(async (b) => (await booking(b, byResident.get(b) ?? "")).waitlistPosition),
    );
    expect([...positions].sort((a, b) => a - b)).toEqual(Array.from({ length: 190 }, (_, i) => i + 1));
    const first = places[positions.indexOf(1)] as string;

    // Act: one seat holder cancels
    const canceller = holding[0]?.body.id as string;
    const cancel = await act(canceller, "cancel", byResident.get(canceller) as string);
    // Assess
    expect(cancel.status, cancel.text).toBe(200);
    expect(cancel.body.status).toBe("cancelled");
    expect(await listing(id)).toMatchObject({ seatsTaken: 10, waitlistCount: 189 });
    const promoted = await booking(first, byResident.get(first) as string);
    expect(promoted).toMatchObject({ status: "requested" });
    expect(promoted.promotedAt).toBeDefined();
    const stillWaiting = await Promise.all(
      places
        .filter((b) => b !== first)
        .map(async (b) => (await booking(b, byResident.get(b) as string)).status),
    );
    expect(stillWaiting.every((s) => s === "waitlisted")).toBe(true);
    const volunteerView = await api.request("GET", "/api/volunteer/bookings?status=requested", {
      token: vToken,
    });
    expect(volunteerView.body.items.map((b: { id: string }) => b.id)).toContain(first);
  });

  it("200 concurrent joins on an on-demand listing of capacity 5: exactly 5 accepted into the limit, 195 are 409", async () => {
    const l = await create({ capacity: 5 });
    const answers = await Promise.all(residents.map((t) => join(l.id, t)));
    const created = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status === 409);
    expect(created).toHaveLength(5);
    expect(refused).toHaveLength(195);
    expect(refused.every((a) => a.body.error.code === "LISTING_FULL")).toBe(true);
    expect(created.every((a) => a.body.status === "requested")).toBe(true);
    expect(await listing(l.id)).toMatchObject({ seatsTaken: 5, waitlistCount: 0 });
    // Completing one frees its slot, and the next join gets in.
    const done = created[0]?.body;
    const owner = r(answers.indexOf(created[0] as (typeof answers)[number]) + 1);
    expect((await act(done.id, "accept", vToken)).status).toBe(200);
    const code = (await booking(done.id, owner)).completionCode;
    expect((await act(done.id, "complete", vToken, { hours: 2, code })).status).toBe(200);
    await api.settle();
    expect(await listing(l.id)).toMatchObject({ seatsTaken: 4, completedCount: 1 });
    const late = answers.findIndex((a) => a.status === 409);
    expect((await join(l.id, r(late + 1))).status).toBe(201);
  });

  it("raising an event's capacity moves the waitlist up into the new seats, oldest first", async () => {
    // Prepare: 2 seats, 5 joins one after another → 2 seated, 3 waiting.
    const { id } = (
      await api.request("POST", "/api/listings", { token: vToken, body: eventInput({ capacity: 2 }) })
    ).body;
    const ids: string[] = [];
    for (let i = 181; i <= 185; i++) ids.push((await join(id, r(i))).body.id);
    // Act
    const patched = await api.request("PATCH", `/api/listings/${id}`, {
      token: vToken,
      body: { capacity: 4 },
    });
    // Assess
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toMatchObject({ capacity: 4, seatsTaken: 4, waitlistCount: 1 });
    expect((await booking(ids[2] as string, r(183))).status).toBe("requested");
    expect((await booking(ids[3] as string, r(184))).status).toBe("requested");
    expect((await booking(ids[4] as string, r(185))).status).toBe("waitlisted");
    await api.settle();
    const notes = (await api.request("GET", "/api/me/notifications", { token: r(183) })).body.items;
    expect(notes.map((n: { type: string }) => n.type)).toContain("promoted");
  });

  it("retrying with the same Idempotency-Key 20 times in parallel books once and answers the same booking", async () => {
    const l = await create({ capacity: 50 });
    const headers = { "idempotency-key": "join-7f3a9c" };
    const before = (await api.request("GET", "/api/me/bookings", { token: r(7) })).body.items.length;
    const answers = await Promise.all(Array.from({ length: 20 }, () => join(l.id, r(7), headers)));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const after = (await api.request("GET", "/api/me/bookings", { token: r(7) })).body.items;
    expect(after.length).toBe(before + 1);
    expect(await listing(l.id)).toMatchObject({ seatsTaken: 1 });
    // The same key on another listing is a conflict, not a silent replay.
    const other = await create();
    const reused = await join(other.id, r(7), headers);
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe("IDEMPOTENCY_KEY_REUSED");
    const bad = await join(other.id, r(7), { "idempotency-key": "has spaces, not allowed" });
    expect(bad.status).toBe(400);
    expect((await listing(other.id)).seatsTaken).toBe(0);
  });

  it("one live booking per resident, only published listings, never one's own", async () => {
    const l = await create();
    expect((await join(l.id, r(1))).status).toBe(201);
    const again = await join(l.id, r(1));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("ALREADY_JOINED");
    const asVolunteer = await join(l.id, vToken);
    expect(asVolunteer.status).toBe(403);
    const selfAsResident = await api.login({ sub: volunteer(1).sub, role: "resident", name: "志愿者1" });
    const own = await join(l.id, selfAsResident);
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe("OWN_LISTING");
    const draft = await create({ status: "draft" });
    const notPublished = await join(draft.id, r(2));
    expect(notPublished.status).toBe(409);
    expect(notPublished.body.error.code).toBe("LISTING_NOT_PUBLISHED");
    expect((await join("nope", r(2))).status).toBe(404);
    expect(await listing(l.id)).toMatchObject({ seatsTaken: 1 });
  });

  it("each join and each transition is a single TransactWriteItems", async () => {
    const l = await create({ capacity: 2 });
    const writes = () => sentCommands.filter((c) => /Put|Update|Delete|BatchWrite|TransactWrite/.test(c));
    sentCommands.length = 0;
    const joined = await join(l.id, r(3));
    expect(writes()).toEqual(["TransactWriteItems"]);
    for (const [action, token, body] of [
      ["accept", vToken, undefined],
      ["confirm", r(3), { hours: 1.5 }],
    ] as const) {
      sentCommands.length = 0;
      const res = await act(joined.body.id, action, token, body);
      expect(res.status, res.text).toBe(200);
      expect(writes()).toEqual(["TransactWriteItems"]);
    }
    const j2 = await join(l.id, r(4));
    sentCommands.length = 0;
    expect((await act(j2.body.id, "decline", vToken, { reason: "这周出差" })).status).toBe(200);
    expect(writes()).toEqual(["TransactWriteItems"]);
    const j3 = await join(l.id, r(5));
    sentCommands.length = 0;
    expect((await act(j3.body.id, "cancel", r(5))).status).toBe(200);
    expect(writes()).toEqual(["TransactWriteItems"]);
  });
});

describe("privacy and proof of service", () => {
  it("masks contact for the volunteer on GET, reveals it on accept and by the audited contact route", async () => {
    const l = await create();
    const joined = await join(l.id, r(10));
    const id = joined.body.id as string;
    expect(joined.body.completionCode).toMatch(/^\d{6}$/);
    expect(joined.body.phone).toBe(PHONE);
    const masked = await booking(id, vToken);
    expect(masked.phone).toBe("****1234");
    expect(masked.address).toBe("大关西苑 3****");
    // Before acceptance: the last 4 digits at most, and not the note (trust and safety)
    expect(masked.note).toBe("");
    const inbox = await api.request("GET", "/api/volunteer/bookings", { token: vToken });
    expect(inbox.body.items.find((b: { id: string }) => b.id === id)).toMatchObject({
      phone: "****1234",
      note: "",
    });
    expect(masked.completionCode).toBeUndefined();
    expect(masked.residentName).toBe("居民10");
    const stranger = await api.request("GET", `/api/bookings/${id}`, { token: r(11) });
    expect(stranger.status).toBe(403);
    expect((await api.request("GET", "/api/bookings/none", { token: r(11) })).status).toBe(404);
    const early = await act(id, "contact", vToken);
    expect(early.status).toBe(409);

    const accepted = await act(id, "accept", vToken);
    expect(accepted.body).toMatchObject({ status: "accepted", phone: PHONE });
    expect(accepted.body.completionCode).toBeUndefined();
    const list = await api.request("GET", "/api/volunteer/bookings", { token: vToken });
    expect(list.body.items.find((b: { id: string }) => b.id === id)).toMatchObject({
      phone: "****1234",
      note: "下午在家",
    });
    const contact = await act(id, "contact", vToken);
    expect(contact.body).toEqual({ bookingId: id, phone: PHONE, address: "大关西苑 3 幢 2 单元 501" });
    await api.settle();
    const audit = await api.request("GET", "/api/admin/contact-reads", { token: aToken });
    const mine = audit.body.items.filter((a: { bookingId: string }) => a.bookingId === id);
    expect(mine).toHaveLength(2);
    expect(mine[0]).toMatchObject({ volunteerId: "v-t1", bookingId: id });
    expect((await api.request("GET", "/api/admin/contact-reads", { token: vToken })).status).toBe(403);
  });

  it("locks volunteer completion after 5 wrong codes; the resident's confirm still completes it", async () => {
    const l = await create();
    const joined = await join(l.id, r(12));
    const id = joined.body.id as string;
    await act(id, "accept", vToken);
    const wrong = joined.body.completionCode === "000000" ? "111111" : "000000";
    for (let i = 4; i >= 0; i--) {
      const res = await act(id, "complete", vToken, { hours: 2, code: wrong });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe(i === 0 ? "COMPLETION_LOCKED" : "COMPLETION_CODE_MISMATCH");
    }
    const right = await act(id, "complete", vToken, { hours: 2, code: joined.body.completionCode });
    expect(right.status).toBe(409);
    expect(right.body.error.code).toBe("COMPLETION_LOCKED");
    expect((await booking(id, r(12))).status).toBe("accepted");
    await api.settle();
    const told = (await api.request("GET", "/api/me/notifications", { token: r(12) })).body.items;
    expect(told.filter((n: { type: string }) => n.type === "locked")).toHaveLength(1);
    const confirmed = await act(id, "confirm", r(12), {});
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: "completed", hours: 1 });
  });

  it("completion adds hours to the volunteer, the branch and the rankings", async () => {
    const v5 = await api.login({ ...volunteer(5), branch: "测试第五党支部" });
    const l = await create({}, v5);
    const before = (await api.request("GET", "/api/volunteers/v-t5")).body.volunteer;
    const joined = await join(l.id, r(13));
    await act(joined.body.id, "accept", v5);
    const done = await act(joined.body.id, "complete", v5, { hours: 3.5, code: joined.body.completionCode });
    expect(done.status, done.text).toBe(200);
    expect(done.body).toMatchObject({ status: "completed", hours: 3.5, phone: PHONE });
    await api.settle();
    const shop = (await api.request("GET", "/api/volunteers/v-t5")).body.volunteer;
    expect(shop.hoursServed).toBe(before.hoursServed + 3.5);
    expect(shop.completedCount).toBe(before.completedCount + 1);
    for (const period of ["all", "month"]) {
      const vols = await api.request("GET", `/api/rankings?by=volunteer&period=${period}`);
      expect(vols.status).toBe(200);
      expect(vols.body.items.find((i: { id: string }) => i.id === "v-t5")).toMatchObject({
        hoursServed: 3.5,
        completedCount: 1,
        name: "志愿者5",
      });
      const branches = await api.request("GET", `/api/rankings?by=branch&period=${period}`);
      expect(branches.body.items.find((i: { id: string }) => i.id === "测试第五党支部")).toMatchObject({
        hoursServed: 3.5,
        completedCount: 1,
      });
    }
    const hours = (await api.request("GET", "/api/rankings?by=volunteer&period=all")).body.items.map(
      (i: { hoursServed: number }) => i.hoursServed,
    );
    expect(hours).toEqual([...hours].sort((a, b) => b - a));
    expect((await api.request("GET", "/api/rankings?by=nobody")).status).toBe(400);
  });
});

describe("expiry and notifications", () => {
  it("expires requests unanswered for 48 h, freeing the seat, promoting the waitlist and telling both", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = new Date();
    const at = async (hours: number) => {
      // Tokens live 12 h: sign in again at each moment, as people would.
      vi.setSystemTime(new Date(t0.getTime() + hours * 3_600_000));
      return {
        v: await api.login(volunteer(3)),
        a: await api.login(resident(220)),
        b: await api.login(resident(221)),
      };
    };
    let t = await at(0);
    const e = await api.request("POST", "/api/listings", { token: t.v, body: eventInput({ capacity: 1 }) });
    const a = await join(e.body.id, t.a);
    const b = await join(e.body.id, t.b);
    expect([a.body.status, b.body.status]).toEqual(["requested", "waitlisted"]);
    const { handler } = await import("../../functions/jobs/expire.ts");
    t = await at(47);
    await handler({});
    expect((await booking(a.body.id, t.a)).status).toBe("requested");
    t = await at(49);
    const result = await handler({});
    expect(result.expired).toBeGreaterThanOrEqual(1);
    expect(await booking(a.body.id, t.a)).toMatchObject({ status: "expired" });
    expect(await booking(b.body.id, t.b)).toMatchObject({ status: "requested" });
    expect(await listing(e.body.id)).toMatchObject({ seatsTaken: 1, waitlistCount: 0 });
    // The promoted request gets its own 48 h from its promotion.
    t = await at(60);
    await handler({});
    expect((await booking(b.body.id, t.b)).status).toBe("requested");
    await api.settle();
    const residentNotes = (await api.request("GET", "/api/me/notifications", { token: t.a })).body.items;
    expect(residentNotes.find((n: { bookingId: string }) => n.bookingId === a.body.id)).toMatchObject({
      type: "expired",
      read: false,
    });
    const promotedNotes = (await api.request("GET", "/api/me/notifications", { token: t.b })).body.items;
    expect(promotedNotes.map((n: { type: string }) => n.type)).toContain("promoted");
    const vNotes = (await api.request("GET", "/api/me/notifications", { token: t.v })).body.items;
    expect(
      vNotes
        .filter((n: { bookingId: string }) => n.bookingId === a.body.id)
        .map((n: { type: string }) => n.type),
    ).toEqual(expect.arrayContaining(["expired", "requested"]));
  });

  it("tells the other side of every transition, in friendly Chinese, and marks all read", async () => {
    // Fresh people: the expiry test above left notices dated in the future for earlier joiners.
    const v4 = await api.login(volunteer(4));
    const r30 = await api.login(resident(230));
    const l = await create({ title: "义务理发" }, v4);
    const joined = await join(l.id, r30);
    await api.settle();
    const vNotes = (await api.request("GET", "/api/me/notifications", { token: v4 })).body.items;
    expect(vNotes[0]).toMatchObject({
      type: "requested",
      bookingId: joined.body.id,
      listingTitle: "义务理发",
      text: "居民230报名了您的服务「义务理发」，请尽快回复",
      read: false,
    });
    const accepted = await act(joined.body.id, "accept", v4);
    expect(accepted.status, accepted.text).toBe(200);
    await api.settle();
    const rNotes = await api.request("GET", "/api/me/notifications", { token: r30 });
    expect(rNotes.body.items[0]).toMatchObject({
      type: "accepted",
      text: "志愿者4接受了您的预约「义务理发」",
    });
    const read = await api.request("POST", "/api/me/notifications/read", { token: r30 });
    expect(read.status).toBe(204);
    const after = (await api.request("GET", "/api/me/notifications", { token: r30 })).body.items;
    expect(after.every((n: { read: boolean }) => n.read)).toBe(true);
    const cancelled = await act(joined.body.id, "cancel", r30);
    expect(cancelled.status, cancelled.text).toBe(200);
    await api.settle();
    const vAfter = (await api.request("GET", "/api/me/notifications", { token: v4 })).body.items;
    expect(vAfter[0]).toMatchObject({
      type: "cancelled",
      text: "居民230取消了预约「义务理发」",
      read: false,
    });
  });

  it("lists my bookings newest first with title, status and code", async () => {
    const me = await api.login(resident(240));
    const a = await create({ title: "家电维修" });
    const b = await create({ title: "量血压" });
    await join(a.id, me);
    await join(b.id, me);
    const mine = await api.request("GET", "/api/me/bookings", { token: me });
    expect(mine.body.items.map((x: { listingTitle: string }) => x.listingTitle)).toEqual([
      "量血压",
      "家电维修",
    ]);
    expect(mine.body.items[0].completionCode).toMatch(/^\d{6}$/);
    const filtered = await api.request("GET", "/api/me/bookings?status=completed", { token: me });
    expect(filtered.body.items).toEqual([]);
    expect((await api.request("GET", "/api/me/bookings", { token: vToken })).status).toBe(403);
  });
});
