/**
 * Trust and safety, issue 19.6 (PIPL): erasure and retention through the real API.
 * A resident with a served (and rated) booking, a live one, texts and notices
 * erases their account; a worker withdraws a registered resident; a volunteer
 * erases theirs. The whole table is then read to prove that no item holds the
 * person's name, phone, address or note — while every booking is still there and
 * counted, and reconcile finds no drift. Retention: contact of bookings finished
 * 180 days ago and texts 30 days old are gone after the daily job; a volunteer's
 * reveal closes 7 days after completion.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revealContact } from "../../functions/domain/bookings/contact.ts";
import { applyRetention } from "../../functions/domain/privacy/retention.ts";
import { reconcile, scanAll } from "../../functions/domain/projections/reconcile.ts";
import { startApi, type TestApi } from "../support/api.ts";
import { admin, eventInput, listingInput } from "../support/builders.ts";

let api: TestApi;
const t: Record<string, string> = {};
const DAY = 86_400_000;

const ZHANG = { sub: "r-erase1", role: "resident" as const, name: "张桂芬" };
const ZHANG_PHONE = "13912340001";
const ZHANG_ADDRESS = "大关西苑7幢3单元502室";
const ZHANG_NOTE = "腿脚不便请多敲门";
const QIAN = {
  sub: "v-erase1",
  role: "volunteer" as const,
  name: "钱志刚",
  community: "大关西苑社区",
  branch: "大关街道第一党支部",
};
const SUN = {
  sub: "v-erase2",
  role: "volunteer" as const,
  name: "孙晓梅",
  community: "长乐社区",
  branch: "b2",
};
const WORKER = { sub: "s-erase1", role: "staff" as const, name: "社工小周", community: "大关西苑社区" };

beforeAll(async () => {
  api = await startApi();
  // She books with the phone Cognito verified for her: texts go only to a proven phone.
  t.zhang = await api.login({ ...ZHANG, phone: ZHANG_PHONE, phoneVerified: true });
  t.qian = await api.login(QIAN);
  t.sun = await api.login(SUN);
  t.worker = await api.login(WORKER);
  t.otherWorker = await api.login({ sub: "s-erase2", role: "staff", name: "社工", community: "长乐社区" });
  t.admin = await api.login(admin());
  t.other = await api.login({ sub: "r-erase2", role: "resident", name: "赵秀兰" });
});
afterAll(() => api.close());

const post = (path: string, token: string, body?: unknown) =>
  api.request("POST", path, { token, ...(body !== undefined ? { body } : {}) });

/** Every item of the table in which any of `needles` appears, anywhere (keys included). */
async function itemsHolding(...needles: string[]) {
  return (await scanAll()).filter((item) => {
    const s = JSON.stringify(item);
    return needles.some((n) => s.includes(n));
  });
}

describe("erasure (DELETE /api/me, DELETE /api/staff/residents/{id})", () => {
  it("erases a resident's name, phone, address, notes and texts; the counts stay and reconcile agrees", async () => {
    // Prepare: a served, rated booking and a live one, with texts and notices around them
    const haircut = (await post("/api/listings", t.qian as string, listingInput({ title: "义务理发" }))).body;
    const dance = (await post("/api/listings", t.qian as string, eventInput({ title: "广场舞" }))).body;
    const served = await post(`/api/listings/${haircut.id}/bookings`, t.zhang as string, {
      phone: ZHANG_PHONE,
      address: ZHANG_ADDRESS,
      note: ZHANG_NOTE,
      preferredTime: "周六上午",
    });
    expect(served.status, served.text).toBe(201);
    expect((await post(`/api/bookings/${served.body.id}/accept`, t.qian as string)).status).toBe(200);
    const done = await post(`/api/bookings/${served.body.id}/complete`, t.qian as string, {
      hours: 1.5,
      code: served.body.completionCode,
    });
    expect(done.status, done.text).toBe(200);
    expect(
      (await post(`/api/bookings/${served.body.id}/review`, t.zhang as string, { stars: 5 })).status,
    ).toBe(201);
    const live = await post(`/api/listings/${dance.id}/bookings`, t.zhang as string, {
      phone: ZHANG_PHONE,
      address: ZHANG_ADDRESS,
    });
    expect(live.status, live.text).toBe(201);
    expect((await post(`/api/bookings/${live.body.id}/accept`, t.qian as string)).status).toBe(200);
    await api.request("PUT", "/api/me", { token: t.zhang, body: { phone: ZHANG_PHONE } });
    // 给家人看: a family link to the live booking
    const shared = await post(`/api/bookings/${live.body.id}/share`, t.zhang as string);
    expect(shared.status, shared.text).toBe(200);
    const familyLink = new URL(shared.body.path, "http://x");
    const familyView = `/api/shared/bookings/${live.body.id}?k=${familyLink.searchParams.get("k")}`;
    expect((await api.request("GET", familyView)).status).toBe(200);
    await api.settle();
    expect(await itemsHolding(ZHANG.name)).not.toHaveLength(0);
    expect((await api.request("GET", `/api/dev/outbox?to=${ZHANG_PHONE}`)).body.items.length).toBeGreaterThan(
      0,
    );
    const statsBefore = (await api.request("GET", "/api/admin/stats", { token: t.admin })).body.totals;

    // Act
    const erased = await api.request("DELETE", "/api/me", { token: t.zhang });
    expect(erased.status, erased.text).toBe(204);
    await api.settle();

    // Assess: no item anywhere holds her name, phone, address or note
    expect(await itemsHolding(ZHANG.name, ZHANG_PHONE, ZHANG_ADDRESS, ZHANG_NOTE)).toEqual([]);
    // Her bookings are still there and counted: the served one completed, the live one cancelled
    const mine = (await api.request("GET", "/api/volunteer/bookings", { token: t.qian })).body.items;
    const byId = new Map(mine.map((b: { id: string }) => [b.id, b]));
    expect(byId.get(served.body.id)).toMatchObject({
      status: "completed",
      hours: 1.5,
      residentName: "已注销用户",
    });
    expect(byId.get(live.body.id)).toMatchObject({
      status: "cancelled",
      residentName: "已注销用户",
      phone: "",
    });
    const stats = (await api.request("GET", "/api/admin/stats", { token: t.admin })).body.totals;
    expect(stats).toMatchObject({
      requested: statsBefore.requested,
      completed: statsBefore.completed,
      hoursServed: statsBefore.hoursServed,
      cancelled: statsBefore.cancelled + 1,
    });
    const reviews = (await api.request("GET", `/api/listings/${haircut.id}/reviews`)).body.items;
    expect(reviews[0]).toMatchObject({ stars: 5, residentName: "已注销用户" });
    expect((await api.request("GET", `/api/dev/outbox?to=${ZHANG_PHONE}`)).body.items).toEqual([]);
    // The family's link opens nothing any more
    expect((await api.request("GET", familyView)).status).toBe(404);
    expect((await reconcile()).drift).toEqual([]);
    // The volunteer was told of the cancellation, without her name
    const notes = (await api.request("GET", "/api/me/notifications", { token: t.qian })).body.items;
    expect(notes.some((n: { type: string; text: string }) => n.text.includes("已注销用户取消了预约"))).toBe(
      true,
    );
  });

  it("lets a community worker withdraw a registered resident of their community, and no one else", async () => {
    const reg = await post("/api/staff/residents", t.worker as string, {
      name: "李德全",
      phone: "13812340002",
      address: "和睦新村2幢101",
      note: "独居，耳背",
      consent: true,
    });
    expect(reg.status, reg.text).toBe(201);
    const listing = (await post("/api/listings", t.sun as string, listingInput({ title: "上门理发" }))).body;
    const booked = await post(`/api/listings/${listing.id}/bookings`, t.worker as string, {
      onBehalfOf: reg.body.id,
      note: "下午在家",
    });
    expect(booked.status, booked.text).toBe(201);
    await api.settle();
    // Another community's worker, a resident: refused, nothing erased
    const foreign = await api.request("DELETE", `/api/staff/residents/${reg.body.id}`, {
      token: t.otherWorker,
    });
    expect(foreign.status).toBe(403);
    expect(
      (await api.request("DELETE", `/api/staff/residents/${reg.body.id}`, { token: t.other })).status,
    ).toBe(403);
    expect(await itemsHolding("李德全")).not.toHaveLength(0);
    // Act
    const gone = await api.request("DELETE", `/api/staff/residents/${reg.body.id}`, { token: t.worker });
    expect(gone.status, gone.text).toBe(204);
    await api.settle();
    // Assess
    expect(await itemsHolding("李德全", "13812340002", "和睦新村2幢101", "独居，耳背")).toEqual([]);
    const found = (await api.request("GET", "/api/staff/residents?q=李", { token: t.worker })).body.items;
    expect(found).toEqual([]);
    expect(
      (await api.request("DELETE", `/api/staff/residents/${reg.body.id}`, { token: t.worker })).status,
    ).toBe(404);
    // The phone may be registered again (its guard went with the registration)
    const again = await post("/api/staff/residents", t.worker as string, {
      name: "李德全",
      phone: "13812340002",
      consent: true,
    });
    expect(again.status, again.text).toBe(201);
    expect((await reconcile()).drift).toEqual([]);
  });

  it("erases a volunteer: listings closed, live bookings withdrawn, the name gone, hours kept", async () => {
    const vt = await api.login({ ...QIAN, sub: "v-erase3", name: "周建国" });
    const l = (await post("/api/listings", vt, listingInput({ title: "修电视" }))).body;
    const b = await post(`/api/listings/${l.id}/bookings`, t.other as string, { phone: "13712340003" });
    expect((await post(`/api/bookings/${b.body.id}/accept`, vt)).status).toBe(200);
    const c = await post(`/api/bookings/${b.body.id}/complete`, vt, {
      hours: 2,
      code: b.body.completionCode,
    });
    expect(c.status, c.text).toBe(200);
    const open = await post(`/api/listings/${l.id}/bookings`, t.other as string, { phone: "13712340003" });
    expect(open.status, open.text).toBe(201);
    await api.settle();
    expect(await itemsHolding("周建国")).not.toHaveLength(0);
    // Act
    expect((await api.request("DELETE", "/api/me", { token: vt })).status).toBe(204);
    await api.settle();
    // Assess
    expect(await itemsHolding("周建国")).toEqual([]);
    expect((await api.request("GET", `/api/listings/${l.id}`)).status).toBe(404);
    const shop = (await api.request("GET", "/api/volunteers/v-erase3")).body.volunteer;
    expect(shop).toMatchObject({ name: "已注销用户", hoursServed: 2, completedCount: 1 });
    const theirs = (await api.request("GET", "/api/me/bookings", { token: t.other })).body.items;
    expect(theirs.find((x: { id: string }) => x.id === open.body.id)?.status).toBe("cancelled");
    expect((await reconcile()).drift).toEqual([]);
  });

  it("refuses admins and workers (their accounts are the district's to close)", async () => {
    const res = await api.request("DELETE", "/api/me", { token: t.admin });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("ERASURE_BY_ADMIN");
    expect((await api.request("DELETE", "/api/me", { token: t.worker })).body.error.code).toBe(
      "ERASURE_BY_ADMIN",
    );
  });
});

describe("retention", () => {
  it("removes contact of bookings finished 180 days ago and texts 30 days old; closes the reveal after 7 days", async () => {
    const vt = await api.login({ ...QIAN, sub: "v-keep1", name: "吴志强" });
    const rt = await api.login({
      sub: "r-keep1",
      role: "resident",
      name: "陈玉兰",
      phone: "13612340004",
      phoneVerified: true,
    });
    const l = (await post("/api/listings", vt, listingInput({ title: "陪诊" }))).body;
    const b = await post(`/api/listings/${l.id}/bookings`, rt, {
      phone: "13612340004",
      address: "长乐社区5幢",
      note: "需要轮椅",
    });
    expect((await post(`/api/bookings/${b.body.id}/accept`, vt)).status).toBe(200);
    expect(
      (await post(`/api/bookings/${b.body.id}/complete`, vt, { hours: 3, code: b.body.completionCode }))
        .status,
    ).toBe(200);
    await api.settle();
    // The volunteer may look again within the week, not after
    expect((await post(`/api/bookings/${b.body.id}/contact`, vt)).status).toBe(200);
    const volunteerUser = { id: "v-keep1", name: "吴志强", role: "volunteer" as const };
    await expect(
      revealContact(volunteerUser, b.body.id, new Date(Date.now() + 8 * DAY)),
    ).rejects.toMatchObject({
      code: "CONTACT_NOT_AVAILABLE",
    });
    // Not yet: nothing is removed before its time
    expect(await applyRetention(new Date(Date.now() + 29 * DAY))).toMatchObject({ textsDeleted: 0 });
    expect(await itemsHolding("13612340004")).not.toHaveLength(0);
    // 31 days on: the texts leave the outbox
    const texts = await applyRetention(new Date(Date.now() + 31 * DAY));
    expect(texts.textsDeleted).toBeGreaterThan(0);
    expect((await api.request("GET", "/api/dev/outbox?to=13612340004")).body.items).toEqual([]);
    // 181 days on: the booking keeps its name, hours and status, not its contact
    const kept = await applyRetention(new Date(Date.now() + 181 * DAY));
    expect(kept.anonymised).toBeGreaterThanOrEqual(1);
    await api.settle();
    expect(await itemsHolding("13612340004", "长乐社区5幢", "需要轮椅")).toEqual([]);
    const got = (await api.request("GET", `/api/bookings/${b.body.id}`, { token: rt })).body;
    expect(got).toMatchObject({
      status: "completed",
      hours: 3,
      residentName: "陈玉兰",
      phone: "",
      address: "",
      note: "",
    });
    // Once done, a second run has nothing left to do
    expect((await applyRetention(new Date(Date.now() + 182 * DAY))).anonymised).toBe(0);
    expect((await reconcile()).drift).toEqual([]);
  });
});
