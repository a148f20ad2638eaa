/**
 * Needs (群众点单) through the real API and the stream projector: a resident posts,
 * volunteers see the board (masked, no contact), one claim wins however many race
 * (exactly one booking), the booking is an ordinary one (核销码, completion, review),
 * completing it fulfils the need, the dashboard counts it, reconcile agrees; a
 * worker posts for a registered resident and dispatches to a volunteer of the
 * community; release, cancel, the 3-need limit, the 24 h / 72 h job, texts, hiding.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepNeeds } from "../../functions/domain/needs/sweep.ts";
import { reconcile } from "../../functions/domain/projections/reconcile.ts";
import { startApi, type TestApi } from "../support/api.ts";
import { admin, resident, volunteer } from "../support/builders.ts";

let api: TestApi;
const t: Record<string, string> = {};
const tok = (k: string) => t[k] as string;
let phoneN = 0;
const freshPhone = () => `1360000${String(++phoneN).padStart(4, "0")}`;
const COMMUNITY = "大关西苑社区";
const VERIFIED: Record<string, string> = { r: "13600009001", r2: "13600009002" };

beforeAll(async () => {
  api = await startApi();
  // r and r2 post with the phone Cognito verified for them: a need records phoneProven, and only
  // then is she texted (claimed, expired).
  t.r = await api.login({ ...resident(1), phone: VERIFIED.r, phoneVerified: true });
  t.r2 = await api.login({ ...resident(2), phone: VERIFIED.r2, phoneVerified: true });
  t.r3 = await api.login(resident(3));
  t.v = await api.login(volunteer(1));
  t.v2 = await api.login(volunteer(2));
  t.other = await api.login({ ...volunteer(3), sub: "v-t3", community: "长乐社区" });
  t.admin = await api.login(admin());
  t.s = await api.login({ sub: "s-n1", role: "staff", name: "社工甲", community: COMMUNITY });
  t.s2 = await api.login({ sub: "s-n2", role: "staff", name: "社工乙", community: "长乐社区" });
  for (let i = 1; i <= 20; i++) t[`race${i}`] = await api.login({ ...volunteer(100 + i) });
  // Volunteers a worker may dispatch to have a profile saying their community.
  for (const k of ["v", "v2", "other"])
    await api.request("PUT", "/api/me", {
      token: tok(k),
      body: { community: k === "other" ? "长乐社区" : COMMUNITY },
    });
});
afterAll(() => api.close());

const needBody = (over: Record<string, unknown> = {}) => ({
  category: "convenience",
  title: "修水龙头",
  description: "厨房水龙头一直滴水",
  community: COMMUNITY,
  mode: "door",
  when: { date: "2030-01-05", part: "morning" },
  phone: freshPhone(),
  address: "大关西苑 5 幢 302",
  ...over,
});

async function post(token: string, over: Record<string, unknown> = {}) {
  // A resident with a verified phone posts with it (proven); the others with a fresh, unproven one.
  const own = Object.entries(VERIFIED).find(([k]) => t[k] === token)?.[1];
  const res = await api.request("POST", "/api/needs", {
    token,
    body: needBody({ ...(own ? { phone: own } : {}), ...over }),
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; status: string; residentName: string };
}

describe("posting and the board", () => {
  it("posts a need and shows it on the board masked, without contact; the resident sees it in full", async () => {
    const n = await post(tok("r"));
    expect(n.status).toBe("open");
    const board = await api.request("GET", `/api/needs?community=${encodeURIComponent(COMMUNITY)}`, {
      token: tok("v"),
    });
    expect(board.status).toBe(200);
    const row = board.body.items.find((x: { id: string }) => x.id === n.id);
    expect(row).toMatchObject({ residentName: "居**", status: "open" });
    expect(row.phone).toBeUndefined();
    expect(row.address).toBeUndefined();
    const mine = await api.request("GET", "/api/me/needs", { token: tok("r") });
    expect(mine.body.items[0]).toMatchObject({
      id: n.id,
      residentName: "居民1",
      address: "大关西苑 5 幢 302",
    });
    const other = await api.request("GET", `/api/needs/${n.id}`, { token: tok("r2") });
    expect(other.status).toBe(403);
    const board2 = await api.request("GET", "/api/needs", { token: tok("r") });
    expect(board2.status).toBe(403);
  });

  it("holds at most 3 open or claimed needs per resident (409 TOO_MANY_NEEDS), and a cancel frees one", async () => {
    const a = await post(tok("r3"));
    await post(tok("r3"));
    await post(tok("r3"));
    const fourth = await api.request("POST", "/api/needs", { token: tok("r3"), body: needBody() });
    expect(fourth.status).toBe(409);
    expect(fourth.body.error.code).toBe("TOO_MANY_NEEDS");
    const cancel = await api.request("POST", `/api/needs/${a.id}/cancel`, { token: tok("r3") });
    expect(cancel.status).toBe(200);
    expect(cancel.body.status).toBe("cancelled");
    expect((await api.request("POST", "/api/needs", { token: tok("r3"), body: needBody() })).status).toBe(
      201,
    );
    const again = await api.request("POST", `/api/needs/${a.id}/cancel`, { token: tok("r3") });
    expect(again.status).toBe(409);
  });
});

describe("claiming", () => {
  it("20 volunteers claim the same need at once: exactly one booking, the others 409 ALREADY_CLAIMED", async () => {
    const n = await post(tok("r2"));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.request("POST", `/api/needs/${n.id}/claim`, { token: tok(`race${i + 1}`) }),
      ),
    );
    const won = results.filter((r) => r.status === 200);
    const lost = results.filter((r) => r.status === 409);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const r of lost) expect(r.body.error.code).toBe("ALREADY_CLAIMED");
    const winner = won[0]?.body;
    expect(winner.need.status).toBe("claimed");
    expect(winner.booking).toMatchObject({ status: "accepted", needId: n.id, listingId: "" });
    // The resident's bookings hold exactly one booking for this need.
    const mine = await api.request("GET", "/api/me/bookings", { token: tok("r2") });
    const forNeed = mine.body.items.filter((b: { needId?: string }) => b.needId === n.id);
    expect(forNeed).toHaveLength(1);
    expect(forNeed[0].completionCode).toMatch(/^\d{6}$/);
  });

  it("the claimed booking completes with the 核销码, the need is fulfilled, rated; dashboard and reconcile agree", async () => {
    const n = await post(tok("r"), { title: "换灯泡" });
    const claim = await api.request("POST", `/api/needs/${n.id}/claim`, { token: tok("v") });
    expect(claim.status, claim.text).toBe(200);
    // The contact comes with the claim (audited with the booking's acceptance); a GET shows none.
    expect(claim.body.need.phone).toBeDefined();
    const later = await api.request("GET", `/api/needs/${n.id}`, { token: tok("v") });
    expect(later.body).toMatchObject({ residentName: "居民1", status: "claimed" });
    expect(later.body.phone).toBeUndefined();
    const bookingId = claim.body.booking.id as string;
    const seen = await api.request("GET", `/api/bookings/${bookingId}`, { token: tok("r") });
    const code = seen.body.completionCode as string;
    const wrong = await api.request("POST", `/api/bookings/${bookingId}/complete`, {
      token: tok("v"),
      body: { hours: 1, code: code === "000000" ? "111111" : "000000" },
    });
    expect(wrong.status).toBe(409);
    const done = await api.request("POST", `/api/bookings/${bookingId}/complete`, {
      token: tok("v"),
      body: { hours: 1.5, code },
    });
    expect(done.status, done.text).toBe(200);
    const need = await api.request("GET", `/api/needs/${n.id}`, { token: tok("r") });
    expect(need.body).toMatchObject({ status: "fulfilled", claimedBy: { id: volunteer(1).sub } });
    const review = await api.request("POST", `/api/bookings/${bookingId}/review`, {
      token: tok("r"),
      body: { stars: 5, comment: "很及时" },
    });
    expect(review.status, review.text).toBe(201);
    await api.settle(20_000);
    const stats = await api.request("GET", "/api/admin/stats", { token: tok("admin") });
    expect(stats.body.totals.needs.fulfilled).toBeGreaterThanOrEqual(1);
    expect(stats.body.totals.needs.claimed).toBeGreaterThanOrEqual(2);
    const row = stats.body.byCategory.find((c: { key: string }) => c.key === "convenience");
    expect(row.needs.fulfilled).toBe(stats.body.totals.needs.fulfilled);
    const community = stats.body.byCommunity.find((c: { key: string }) => c.key === COMMUNITY);
    expect(community.needs.posted).toBe(stats.body.totals.needs.posted);
    expect(stats.body.totals.needs.medianHoursToClaim).not.toBeNull();
    const csv = await api.request("GET", "/api/admin/stats.csv", { token: tok("admin") });
    expect(csv.text).toContain("需求完成");
    // The resident was told who is coming, by text naming the category, not her own words.
    const phone = (await api.request("GET", `/api/needs/${n.id}`, { token: tok("r") })).body.phone as string;
    expect(phone).toMatch(/^1\d{10}$/);
    const out = await api.request("GET", `/api/dev/outbox?to=${phone}`);
    const claimed = out.body.items.filter((x: { kind: string }) => x.kind === "needClaimed");
    expect(claimed).toHaveLength(1);
    expect(claimed[0].text).toContain("便民利民");
    expect(claimed[0].text).not.toContain("换灯泡");
    // The volunteer's figures moved; no listing was touched; reconcile finds nothing to repair.
    expect((await reconcile()).drift).toEqual([]);
  });

  it("the claimer releases it with a reason: open again, the booking cancelled; another may claim", async () => {
    const n = await post(tok("r"));
    const first = await api.request("POST", `/api/needs/${n.id}/claim`, { token: tok("v") });
    const notMine = await api.request("POST", `/api/needs/${n.id}/release`, {
      token: tok("v2"),
      body: { reason: "没空" },
    });
    expect(notMine.status).toBe(403);
    const rel = await api.request("POST", `/api/needs/${n.id}/release`, {
      token: tok("v"),
      body: { reason: "临时有事" },
    });
    expect(rel.status, rel.text).toBe(200);
    expect(rel.body.status).toBe("open");
    const b = await api.request("GET", `/api/bookings/${first.body.booking.id}`, { token: tok("r") });
    expect(b.body.status).toBe("cancelled");
    const second = await api.request("POST", `/api/needs/${n.id}/claim`, { token: tok("v2") });
    expect(second.status, second.text).toBe(200);
    await api.settle(20_000);
    expect((await reconcile()).drift).toEqual([]);
  });
});

describe("community workers", () => {
  it("posts for a registered resident without an account and dispatches it to a volunteer of the community", async () => {
    const reg = await api.request("POST", "/api/staff/residents", {
      token: tok("s"),
      body: { name: "陈奶奶", phone: freshPhone(), address: "大关西苑 1 幢 101", consent: true },
    });
    expect(reg.status, reg.text).toBe(201);
    const noContact = { ...needBody(), phone: undefined, address: undefined, onBehalfOf: reg.body.id };
    const res = await api.request("POST", "/api/needs", { token: tok("s"), body: noContact });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ residentName: "陈奶奶", bookedBy: { id: "s-n1" } });
    const id = res.body.id as string;
    expect((await api.request("GET", "/api/staff/needs", { token: tok("s") })).body.items[0].id).toBe(id);
    const wrongDesk = await api.request("POST", `/api/needs/${id}/assign`, {
      token: tok("s2"),
      body: { volunteerId: "v-t1" },
    });
    expect(wrongDesk.status).toBe(403);
    const wrongVolunteer = await api.request("POST", `/api/needs/${id}/assign`, {
      token: tok("s"),
      body: { volunteerId: "v-t3" },
    });
    expect(wrongVolunteer.status).toBe(403);
    const assign = await api.request("POST", `/api/needs/${id}/assign`, {
      token: tok("s"),
      body: { volunteerId: "v-t1" },
    });
    expect(assign.status, assign.text).toBe(200);
    expect(assign.body.booking).toMatchObject({ status: "accepted", needId: id, bookedBy: { id: "s-n1" } });
    expect(assign.body.booking.completionCode).toMatch(/^\d{6}$/);
    // Her slip: the worker's bookings carry the 核销码, as for any booking the worker made.
    const desk = await api.request("GET", "/api/staff/bookings", { token: tok("s") });
    expect(desk.body.items.find((b: { id: string }) => b.id === assign.body.booking.id)?.completionCode).toBe(
      assign.body.booking.completionCode,
    );
    await api.settle(20_000);
    const notes = await api.request("GET", "/api/me/notifications", { token: tok("v") });
    expect(notes.body.items.some((x: { type: string }) => x.type === "needAssigned")).toBe(true);
  });
});

describe("nobody left waiting silently", () => {
  it("after 24 h the need shows as waiting to the workers; after 72 h it expires and she is told, once", async () => {
    const n = await post(tok("r2"), { title: "陪我去医院" });
    const day = new Date(Date.now() + 25 * 3_600_000);
    expect((await sweepNeeds(day)).escalated).toBeGreaterThanOrEqual(1);
    expect((await sweepNeeds(day)).escalated).toBe(0);
    const board = await api.request("GET", "/api/needs", { token: tok("s") });
    expect(board.body.items.find((x: { id: string }) => x.id === n.id)?.escalatedAt).toBeDefined();
    const later = new Date(Date.now() + 73 * 3_600_000);
    expect((await sweepNeeds(later)).expired).toBeGreaterThanOrEqual(1);
    expect((await sweepNeeds(later)).expired).toBe(0);
    const need = await api.request("GET", `/api/needs/${n.id}`, { token: tok("r2") });
    expect(need.body.status).toBe("expired");
    await api.settle(20_000);
    const notes = await api.request("GET", "/api/me/notifications", { token: tok("r2") });
    expect(notes.body.items.filter((x: { type: string }) => x.type === "needExpired")).toHaveLength(1);
    const out = await api.request("GET", `/api/dev/outbox?to=${need.body.phone}`);
    const texts = out.body.items.filter((x: { kind: string }) => x.kind === "needExpired");
    expect(texts).toHaveLength(1);
    expect(texts[0].text).toContain("居委会");
    expect(texts[0].text).not.toContain("医院");
  });
});

describe("moderation", () => {
  it("an admin hides a need with a reason: off the board, the resident told", async () => {
    const n = await post(tok("r2"), { title: "广告推销" });
    const hide = await api.request("POST", `/api/admin/needs/${n.id}/hide`, {
      token: tok("admin"),
      body: { reason: "广告" },
    });
    expect(hide.status, hide.text).toBe(200);
    const board = await api.request("GET", "/api/needs", { token: tok("v") });
    expect(board.body.items.some((x: { id: string }) => x.id === n.id)).toBe(false);
    const claim = await api.request("POST", `/api/needs/${n.id}/claim`, { token: tok("v") });
    expect(claim.status).toBe(404);
    await api.settle(20_000);
    const notes = await api.request("GET", "/api/me/notifications", { token: tok("r2") });
    expect(
      notes.body.items.some(
        (x: { type: string; text: string }) => x.type === "needHidden" && x.text.includes("广告"),
      ),
    ).toBe(true);
  });
});
