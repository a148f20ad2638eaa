/**
 * Community workers (role staff), through the real API: registering residents
 * without an account (consent required, one per phone and community), finding them
 * by name or the phone's last 4 digits, booking on their behalf under the same rules
 * as a resident's own join, and the worker's scope — their own community's
 * residents and the bookings they made, nothing else (403).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type TestApi } from "../support/api.ts";
import { admin, eventInput, listingInput, resident, volunteer } from "../support/builders.ts";

let api: TestApi;
const t: Record<string, string> = {};

const staff = (i: number, community: string) => ({
  sub: `s-t${i}`,
  role: "staff" as const,
  name: `社工${i}`,
  community,
});

beforeAll(async () => {
  api = await startApi();
  t.s1 = await api.login(staff(1, "大关西苑社区"));
  t.s2 = await api.login(staff(2, "长乐社区"));
  t.sNone = await api.login({ sub: "s-t3", role: "staff", name: "社工3" });
  t.v = await api.login(volunteer(1));
  t.r = await api.login(resident(1));
  t.admin = await api.login(admin());
});
afterAll(() => api.close());

const tok = (k: string) => t[k] as string;
let phoneN = 0;
const freshPhone = () => `1370000${String(++phoneN).padStart(4, "0")}`;

async function register(token: string, body: Record<string, unknown>) {
  return api.request("POST", "/api/staff/residents", { token, body });
}

async function registered(token: string, name: string, phone = freshPhone()) {
  const res = await register(token, { name, phone, address: "大关西苑 3 幢 201", consent: true });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; phone: string; name: string };
}

async function listing(body = listingInput()) {
  const res = await api.request("POST", "/api/listings", { token: tok("v"), body });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

const bookFor = (token: string, listingId: string, body: Record<string, unknown>, key?: string) =>
  api.request("POST", `/api/listings/${listingId}/bookings`, {
    token,
    body,
    ...(key ? { headers: { "idempotency-key": key } } : {}),
  });

describe("registering residents", () => {
  it("requires consent, refuses a second registration of a phone in the community with the first id", async () => {
    // Prepare
    const phone = freshPhone();
    // Act + Assess
    expect((await register(tok("s1"), { name: "王奶奶", phone })).status).toBe(400);
    expect((await register(tok("s1"), { name: "王奶奶", phone, consent: false })).status).toBe(400);
    const first = await register(tok("s1"), {
      name: "王奶奶",
      phone,
      note: "耳背，请大声说话",
      consent: true,
    });
    expect(first.status, first.text).toBe(201);
    expect(first.body).toMatchObject({
      name: "王奶奶",
      phone,
      community: "大关西苑社区",
      registeredBy: { id: "s-t1", name: "社工1" },
    });
    const again = await register(tok("s1"), {
      name: "王秀英",
      phone: `${phone.slice(0, 3)}-${phone.slice(3)}`,
      consent: true,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("RESIDENT_ALREADY_REGISTERED");
    expect(again.body.error.details).toEqual([{ residentId: first.body.id }]);
    // The same phone in another community is another registration
    expect((await register(tok("s2"), { name: "王奶奶", phone, consent: true })).status).toBe(201);
  });

  it("finds residents of my community by the name's beginning or the phone's last 4 digits, and only mine", async () => {
    const a = await registered(tok("s1"), "李桂芳", "13711112345");
    await registered(tok("s1"), "李建国");
    const other = await registered(tok("s2"), "李阿婆", "13722222345");
    const byName = await api.request("GET", `/api/staff/residents?q=${encodeURIComponent("李")}`, {
      token: tok("s1"),
    });
    expect(byName.status, byName.text).toBe(200);
    const names = byName.body.items.map((r: { name: string }) => r.name).sort();
    expect(names).toEqual(["李建国", "李桂芳"]);
    const byTail = await api.request("GET", "/api/staff/residents?q=2345", { token: tok("s1") });
    expect(byTail.body.items.map((r: { id: string }) => r.id)).toEqual([a.id]);
    expect(byTail.body.items[0].phone).toBe("13711112345");
    const theirs = await api.request("GET", "/api/staff/residents?q=2345", { token: tok("s2") });
    expect(theirs.body.items.map((r: { id: string }) => r.id)).toEqual([other.id]);
    // Other roles, and a worker without a community, may not
    for (const k of ["r", "v", "admin", "sNone"])
      expect((await api.request("GET", "/api/staff/residents", { token: tok(k) })).status).toBe(403);
    expect((await register(tok("sNone"), { name: "张三", phone: freshPhone(), consent: true })).status).toBe(
      403,
    );
    // Every read of their contact is recorded
    const audit = await api.request("GET", "/api/admin/contact-reads", { token: tok("admin") });
    expect(
      audit.body.items.some(
        (c: { via?: string; volunteerId: string }) => c.via === "staff-registry" && c.volunteerId === "s-t1",
      ),
    ).toBe(true);
  });
});

describe("booking on a resident's behalf", () => {
  it("books with the registry's phone and address, under the same rules as a resident's own join", async () => {
    // Prepare
    const grandma = await registered(tok("s1"), "王奶奶");
    const listingId = await listing();
    // Act
    const res = await bookFor(tok("s1"), listingId, { onBehalfOf: grandma.id, note: "下午在家" }, "k-1");
    // Assess
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      status: "requested",
      residentId: grandma.id,
      residentName: "王奶奶",
      phone: grandma.phone,
      address: "大关西苑 3 幢 201",
      bookedBy: { id: "s-t1", name: "社工1", role: "staff", community: "大关西苑社区" },
    });
    expect(res.body.completionCode).toMatch(/^\d{6}$/);
    // Idempotency: the same key answers the same booking
    const retry = await bookFor(tok("s1"), listingId, { onBehalfOf: grandma.id, note: "下午在家" }, "k-1");
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(res.body.id);
    // One live booking per resident and listing
    const twice = await bookFor(tok("s1"), listingId, { onBehalfOf: grandma.id });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe("ALREADY_JOINED");
    // The volunteer sees it masked, as any booking
    const inbox = await api.request("GET", "/api/volunteer/bookings", { token: tok("v") });
    const seen = inbox.body.items.find((b: { id: string }) => b.id === res.body.id);
    expect(seen.phone).toContain("****");
  });

  it("waitlists on a full event and refuses bad bodies", async () => {
    const grandma = await registered(tok("s1"), "赵奶奶");
    const eventId = await listing(eventInput({ capacity: 1 }));
    expect((await bookFor(tok("r"), eventId, { phone: "13900001111" })).status).toBe(201);
    const res = await bookFor(tok("s1"), eventId, { onBehalfOf: grandma.id });
    expect(res.status, res.text).toBe(201);
    expect(res.body.status).toBe("waitlisted");
    const l = await listing();
    // A worker must say for whom, and may not give another phone
    expect((await bookFor(tok("s1"), l, { phone: "13900001111" })).status).toBe(400);
    expect((await bookFor(tok("s1"), l, { onBehalfOf: grandma.id, phone: "13900001111" })).status).toBe(400);
    expect((await bookFor(tok("s1"), l, { onBehalfOf: "rr-none" })).status).toBe(404);
    // A resident may not book for someone else; a volunteer may not book at all
    expect((await bookFor(tok("r"), l, { onBehalfOf: grandma.id })).status).toBe(403);
    expect((await bookFor(tok("v"), l, { phone: "13900001111" })).status).toBe(403);
  });
});

describe("a worker's scope", () => {
  it("cannot book for another community's resident, nor see or act on bookings made by someone else", async () => {
    // Prepare
    const mine = await registered(tok("s1"), "钱奶奶");
    const theirs = await registered(tok("s2"), "孙爷爷");
    const listingId = await listing();
    const other = await listing();
    // Act + Assess: another community's resident
    const foreign = await bookFor(tok("s1"), listingId, { onBehalfOf: theirs.id });
    expect(foreign.status).toBe(403);
    const made = await bookFor(tok("s1"), listingId, { onBehalfOf: mine.id });
    expect(made.status).toBe(201);
    const id = made.body.id as string;
    // Another worker, or the resident's own token of another person, cannot see or act on it
    expect((await api.request("GET", `/api/bookings/${id}`, { token: tok("s2") })).status).toBe(403);
    expect((await api.request("POST", `/api/bookings/${id}/cancel`, { token: tok("s2") })).status).toBe(403);
    expect(
      (await api.request("POST", `/api/bookings/${id}/confirm`, { token: tok("s2"), body: {} })).status,
    ).toBe(403);
    expect((await api.request("POST", `/api/bookings/${id}/cancel`, { token: tok("r") })).status).toBe(403);
    // A resident's own booking is not the worker's either
    const own = await bookFor(tok("r"), other, { phone: "13900001111" });
    expect(
      (await api.request("POST", `/api/bookings/${own.body.id}/cancel`, { token: tok("s1") })).status,
    ).toBe(403);
    expect((await api.request("GET", `/api/bookings/${own.body.id}`, { token: tok("s1") })).status).toBe(403);
    // The worker who made it sees it (with the code), in their list, and confirms it once accepted
    // Its calendar file: the worker's to ask for (an on-demand booking has no fixed time), not another's
    expect((await api.request("GET", `/api/bookings/${id}/calendar.ics`, { token: tok("s1") })).status).toBe(
      409,
    );
    expect((await api.request("GET", `/api/bookings/${id}/calendar.ics`, { token: tok("s2") })).status).toBe(
      403,
    );
    const one = await api.request("GET", `/api/bookings/${id}`, { token: tok("s1") });
    expect(one.status).toBe(200);
    expect(one.body.completionCode).toBe(made.body.completionCode);
    const list = await api.request("GET", "/api/staff/bookings", { token: tok("s1") });
    expect(list.status, list.text).toBe(200);
    expect(list.body.items.map((b: { id: string }) => b.id)).toContain(id);
    const theirList = await api.request("GET", "/api/staff/bookings", { token: tok("s2") });
    expect(theirList.body.items.map((b: { id: string }) => b.id)).not.toContain(id);
    expect((await api.request("POST", `/api/bookings/${id}/accept`, { token: tok("v") })).status).toBe(200);
    const confirmed = await api.request("POST", `/api/bookings/${id}/confirm`, {
      token: tok("s1"),
      body: {},
    });
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.body.status).toBe("completed");
    // ...and cancels another one it made
    const second = await bookFor(tok("s1"), other, { onBehalfOf: mine.id });
    const cancelled = await api.request("POST", `/api/bookings/${second.body.id}/cancel`, {
      token: tok("s1"),
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe("cancelled");
    // The worker is told what the resident would be
    await api.settle();
    const notes = await api.request("GET", "/api/me/notifications", { token: tok("s1") });
    const accepted = notes.body.items.find(
      (n: { bookingId: string; type: string }) => n.bookingId === id && n.type === "accepted",
    );
    expect(accepted?.text).toContain("代钱奶奶预约");
  });
});
