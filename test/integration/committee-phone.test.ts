/**
 * The 居委会 phone, kept per community through the real API: a community worker
 * sets their own community's (PUT /api/staff/community), every desk reads it from
 * GET /api/communities, and the family page of a booking shows the phone of the
 * booking's 居委会 — the worker's community for a booking a worker made, else the
 * listing's. Nobody sets another community's; other roles are refused. (Random
 * hostile bodies: test/integration/hostile-staff.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type TestApi } from "../support/api.ts";
import { admin, eventInput, listingInput, resident, volunteer } from "../support/builders.ts";
import { expectRefusedUnchanged } from "../support/hostile.ts";

let api: TestApi;
const t: Record<string, string> = {};
const tok = (k: string) => t[k] as string;
const HOME = "大关西苑社区";
const OTHER = "长乐社区";

const setPhone = (token: string | undefined, body: unknown) =>
  api.request("PUT", "/api/staff/community", { ...(token ? { token } : {}), body });
async function phones(): Promise<Record<string, { listingCount: number; phone?: string }>> {
  const res = await api.request("GET", "/api/communities");
  expect(res.status, res.text).toBe(200);
  const items = res.body.items as { name: string; listingCount: number; phone?: string }[];
  return Object.fromEntries(items.map(({ name, ...rest }) => [name, rest]));
}

beforeAll(async () => {
  api = await startApi();
  t.home = await api.login({ sub: "s-c1", role: "staff", name: "社工小陈", community: HOME });
  t.home2 = await api.login({ sub: "s-c2", role: "staff", name: "社工小李", community: HOME });
  t.other = await api.login({ sub: "s-c3", role: "staff", name: "社工小王", community: OTHER });
  t.none = await api.login({ sub: "s-c4", role: "staff", name: "社工无社区" });
  t.r = await api.login(resident(1));
  t.v = await api.login(volunteer(1));
  t.admin = await api.login(admin());
  // A listing in the home community only: the other community has none
  const l = await api.request("POST", "/api/listings", { token: tok("v"), body: listingInput() });
  expect(l.status, l.text).toBe(201);
});
afterAll(() => api.close());

describe("a community's 居委会 phone", () => {
  it("a worker sets their own community's; every desk reads it, for that community only", async () => {
    // Act
    const res = await setPhone(tok("home"), { phone: "  0571-88001234 " });
    // Assess
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ community: HOME, phone: "0571-88001234" });
    const all = await phones();
    expect(all[HOME]).toEqual({ listingCount: 1, phone: "0571-88001234" });
    expect(all[OTHER]).toBeUndefined();
    // Another worker of the same community changes it for everyone
    expect((await setPhone(tok("home2"), { phone: "+86 571 8800 5678" })).status).toBe(200);
    expect((await phones())[HOME]?.phone).toBe("+86 571 8800 5678");
  });

  it("another community's worker sets their own (listed with 0 listings), never this one's", async () => {
    await setPhone(tok("home"), { phone: "0571-88001234" });
    // A body cannot name a community: refused, nothing written
    await expectRefusedUnchanged(
      api,
      phones,
      "/api/staff/community",
      tok("other"),
      { phone: "0571-99990000", community: HOME },
      undefined,
      "PUT",
    );
    const res = await setPhone(tok("other"), { phone: "0571-99990000" });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ community: OTHER, phone: "0571-99990000" });
    const all = await phones();
    expect(all[HOME]).toEqual({ listingCount: 1, phone: "0571-88001234" });
    expect(all[OTHER]).toEqual({ listingCount: 0, phone: "0571-99990000" });
  });

  it("only community workers with a community: 401 without a token, 403 for other roles", async () => {
    const valid = { phone: "0571-12345678" };
    for (const who of ["r", "v", "admin", "none"]) {
      await expectRefusedUnchanged(api, phones, "/api/staff/community", tok(who), valid, undefined, "PUT");
      const res = await setPhone(tok(who), valid);
      expect(res.status, `${who} ${res.text}`).toBe(403);
      expect(res.body.error.code).toBe("FORBIDDEN");
    }
    const anonymous = await setPhone(undefined, valid);
    expect(anonymous.status, anonymous.text).toBe(401);
    expect((await phones())[HOME]?.phone).toBe("0571-88001234");
  });

  it("a clear 400 in Chinese for an empty, short, long or wrong phone", async () => {
    const cases: [unknown, string][] = [
      [{ phone: "" }, "请填写居委会电话"],
      [{ phone: "   " }, "请填写居委会电话"],
      [{}, "请填写居委会电话"],
      [{ phone: "12345" }, "至少 7 个字符"],
      [{ phone: "0".repeat(21) }, "最多 20 个字符"],
      [{ phone: "打居委会 88001234" }, "请填写正确的电话号码"],
    ];
    for (const [body, message] of cases) {
      const res = await setPhone(tok("home"), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(res.text, JSON.stringify(body)).toContain(message);
    }
    expect((await phones())[HOME]?.phone).toBe("0571-88001234");
  });
});

describe("the phone of a booking's 居委会 on the family page", () => {
  const sharedView = async (bookingId: string, token: string) => {
    const share = await api.request("POST", `/api/bookings/${bookingId}/share`, { token });
    expect(share.status, share.text).toBe(200);
    const view = await api.request(
      "GET",
      share.body.path.replace(/^\/b\/\?id=([^&]+)&/, "/api/shared/bookings/$1?"),
    );
    expect(view.status, view.text).toBe(200);
    return view.body;
  };

  it("a worker's booking: the worker's community's phone, even on another community's listing", async () => {
    // Prepare: an event in the other community, booked by a home worker for a home resident
    await setPhone(tok("home"), { phone: "0571-88001234" });
    await setPhone(tok("other"), { phone: "0571-99990000" });
    const reg = await api.request("POST", "/api/staff/residents", {
      token: tok("home"),
      body: { name: "王奶奶", phone: "13700004321", consent: true },
    });
    const event = await api.request("POST", "/api/listings", {
      token: tok("v"),
      body: eventInput({ community: OTHER, capacity: 5 }),
    });
    // Act
    const made = await api.request("POST", `/api/listings/${event.body.id}/bookings`, {
      token: tok("home"),
      body: { onBehalfOf: reg.body.id },
    });
    // Assess
    expect(made.status, made.text).toBe(201);
    expect(made.body.bookedBy).toEqual({ id: "s-c1", name: "社工小陈", role: "staff", community: HOME });
    const view = await sharedView(made.body.id, tok("home"));
    expect(view.community).toBe(OTHER);
    expect(view.committeePhone).toBe("0571-88001234");
  });

  it("a resident's own booking: the listing's community's phone, and none where none is set", async () => {
    const inOther = await api.request("POST", "/api/listings", {
      token: tok("v"),
      body: listingInput({ community: OTHER, title: "上门修水管" }),
    });
    const nowhere = await api.request("POST", "/api/listings", {
      token: tok("v"),
      body: listingInput({ community: "拱宸桥社区", title: "上门修电灯" }),
    });
    const book = (id: string) =>
      api.request("POST", `/api/listings/${id}/bookings`, {
        token: tok("r"),
        body: { phone: "13912345678" },
      });
    const a = await book(inOther.body.id);
    const b = await book(nowhere.body.id);
    expect(a.status, a.text).toBe(201);
    expect(b.status, b.text).toBe(201);
    expect((await sharedView(a.body.id, tok("r"))).committeePhone).toBe("0571-99990000");
    expect((await sharedView(b.body.id, tok("r"))).committeePhone).toBeUndefined();
  });
});
