/**
 * 给家人看, through the real API: a booking's booker (its resident, or the worker who
 * made it) gets a read-only link with a share key of its own; the public view it
 * opens shows the service, when, where, who comes and how it stands, and nothing
 * private (no phone, address, note, 核销码, people's ids). Anyone else cannot get
 * the link; a wrong key, another booking's key or an unknown id is one and the same
 * 404; and no key or id at all makes a 5xx.
 */
import fc from "fast-check";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type TestApi } from "../support/api.ts";
import { eventInput, listingInput, resident, volunteer } from "../support/builders.ts";
import { anyJsonValue, expectRefusedUnchanged } from "../support/hostile.ts";

let api: TestApi;
const t: Record<string, string> = {};
const PHONE = "13912345678";
const ADDRESS = "大关西苑 7 幢 302";
const NOTE = "门铃坏了请敲门";
let listingId = "";
/** The resident's own booking, and one a worker made for 王奶奶. */
const own = { id: "", code: "" };
const forHer = { id: "", code: "", residentId: "" };

const tok = (k: string) => t[k] as string;
const share = (id: string, token: string) => api.request("POST", `/api/bookings/${id}/share`, { token });
const shared = (id: string, k?: string) =>
  api.request(
    "GET",
    `/api/shared/bookings/${encodeURIComponent(id)}${k === undefined ? "" : `?k=${encodeURIComponent(k)}`}`,
  );
const keyOf = (path: string) => new URL(path, "http://x").searchParams.get("k") as string;

beforeAll(async () => {
  api = await startApi();
  t.r = await api.login({ ...resident(1), name: "李秀英" });
  t.r2 = await api.login(resident(2));
  t.v = await api.login(volunteer(1));
  t.s = await api.login({ sub: "s-sh1", role: "staff", name: "社工小陈", community: "大关西苑社区" });
  t.s2 = await api.login({ sub: "s-sh2", role: "staff", name: "社工小王", community: "大关西苑社区" });
  listingId = (
    await api.request("POST", "/api/listings", { token: tok("v"), body: listingInput({ capacity: 20 }) })
  ).body.id;
  const mine = await api.request("POST", `/api/listings/${listingId}/bookings`, {
    token: tok("r"),
    body: { phone: PHONE, address: ADDRESS, note: NOTE, preferredTime: "周六上午" },
  });
  expect(mine.status, mine.text).toBe(201);
  Object.assign(own, { id: mine.body.id, code: mine.body.completionCode });
  const reg = await api.request("POST", "/api/staff/residents", {
    token: tok("s"),
    body: { name: "王奶奶", phone: "13700004321", address: "大关西苑 3 幢 201", consent: true },
  });
  const event = (
    await api.request("POST", "/api/listings", {
      token: tok("v"),
      body: eventInput({ title: "义务理发（上午场）", capacity: 5 }),
    })
  ).body.id;
  const made = await api.request("POST", `/api/listings/${event}/bookings`, {
    token: tok("s"),
    body: { onBehalfOf: reg.body.id },
  });
  expect(made.status, made.text).toBe(201);
  Object.assign(forHer, { id: made.body.id, code: made.body.completionCode, residentId: reg.body.id });
});
afterAll(() => api.close());

describe("sharing a booking with family", () => {
  it("the resident shares; the public view is limited, and the link stays the same", async () => {
    // Act
    const first = await share(own.id, tok("r"));
    const again = await share(own.id, tok("r"));
    // Assess
    expect(first.status, first.text).toBe(200);
    expect(first.body.path).toMatch(/^\/b\/\?id=[A-Za-z0-9_-]+&k=[A-Za-z0-9_-]{22}$/);
    expect(again.body.path).toBe(first.body.path);
    const k = keyOf(first.body.path);
    const view = await shared(own.id, k);
    expect(view.status, view.text).toBe(200);
    expect(view.headers.get("cache-control")).toBe("no-store");
    expect(view.body).toEqual({
      listingId,
      listingTitle: expect.any(String),
      category: expect.any(String),
      status: "requested",
      preferredTime: "周六上午",
      community: expect.any(String),
      volunteerName: expect.any(String),
      residentName: "李**",
    });
    for (const secret of [PHONE, PHONE.slice(-4), ADDRESS, NOTE, own.code, "r-t1", "v-t1", k])
      expect(view.text).not.toContain(secret);
    // The resident's own views never carry the key
    const mine = await api.request("GET", `/api/bookings/${own.id}`, { token: tok("r") });
    const list = await api.request("GET", "/api/me/bookings", { token: tok("r") });
    const volunteers = await api.request("GET", "/api/volunteer/bookings", { token: tok("v") });
    for (const res of [mine, list, volunteers]) {
      expect(res.status).toBe(200);
      expect(res.text).not.toContain(k);
      expect(res.text).not.toContain("shareKey");
    }
  });

  it("the worker who made a booking shares it; the view shows her name masked and the event's time", async () => {
    const res = await share(forHer.id, tok("s"));
    expect(res.status, res.text).toBe(200);
    const view = await shared(forHer.id, keyOf(res.body.path));
    expect(view.status, view.text).toBe(200);
    expect(view.body.residentName).toBe("王**");
    expect(view.body.listingTitle).toBe("义务理发（上午场）");
    expect(view.body.startsAt).toEqual(expect.any(String));
    for (const secret of [
      "13700004321",
      "4321",
      "3 幢 201",
      forHer.code,
      forHer.residentId,
      "s-sh1",
      "社工小陈",
    ])
      expect(view.text).not.toContain(secret);
    expect((await share(forHer.id, tok("s"))).body.path).toBe(res.body.path);
  });

  it("nobody else gets the link: another resident, another worker, the volunteer; an unknown booking is 404", async () => {
    const refused = {
      otherResident: await share(own.id, tok("r2")),
      otherWorker: await share(forHer.id, tok("s2")),
      workerOnAResidentsOwn: await share(own.id, tok("s")),
    };
    for (const [who, res] of Object.entries(refused)) {
      expect(res.status, who).toBe(403);
      expect(res.body.error.code, who).toBe("NOT_OWNER");
    }
    const volunteerTried = await share(own.id, tok("v"));
    expect(volunteerTried.status).toBe(403);
    expect(volunteerTried.body.error.code).toBe("FORBIDDEN");
    expect((await api.request("POST", `/api/bookings/${own.id}/share`)).status).toBe(401);
    const unknown = await share("b-nope", tok("r"));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("NOT_FOUND");
  });

  it("a wrong key, another booking's key, no key or an unknown id: the very same 404", async () => {
    const ownKey = keyOf((await share(own.id, tok("r"))).body.path);
    const herKey = keyOf((await share(forHer.id, tok("s"))).body.path);
    const flipped = `${ownKey.slice(0, -1)}${ownKey.endsWith("A") ? "B" : "A"}`;
    const answers = [
      await shared(own.id, flipped),
      await shared(own.id, herKey),
      await shared(forHer.id, ownKey),
      await shared(own.id),
      await shared("b-unknown", ownKey),
      await shared(own.id.toUpperCase(), ownKey),
    ];
    const first = answers[0];
    for (const res of answers) {
      expect(res.status, res.text).toBe(404);
      expect(res.text).toBe(first?.text);
      expect(res.text).not.toContain(ownKey);
    }
    // A key that is not 22 base64url characters is bad input
    const bad = await shared(own.id, "short");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
  });

  it("the family's calendar file: the event's time, no address or 核销码; any wrong key is the same 404", async () => {
    // Prepare: 王奶奶's haircut (an event with a time), shared
    const k = keyOf((await share(forHer.id, tok("s"))).body.path);
    const ics = (id: string, key?: string) =>
      api.request(
        "GET",
        `/api/shared/bookings/${encodeURIComponent(id)}/calendar.ics${key === undefined ? "" : `?k=${encodeURIComponent(key)}`}`,
      );
    // Act
    const res = await ics(forHer.id, k);
    // Assess: one VEVENT at the booking's time, parsed by a real iCalendar parser
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/calendar");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const events = new ICAL.Component(ICAL.parse(res.text)).getAllSubcomponents("vevent");
    expect(events).toHaveLength(1);
    const booking = await api.request("GET", `/api/bookings/${forHer.id}`, { token: tok("s") });
    // (to the second: iCalendar has no milliseconds)
    const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
    expect(seconds(new ICAL.Event(events[0]).startDate.toJSDate().toISOString())).toBe(
      seconds(booking.body.startsAt),
    );
    for (const secret of [forHer.code, "3 幢 201", "13700004321", "王奶奶"])
      expect(res.text).not.toContain(secret);
    // Wrong key, another booking's key, no key, unknown id: one 404; a booking without a time: 409
    const ownKey = keyOf((await share(own.id, tok("r"))).body.path);
    const refused = [await ics(forHer.id, ownKey), await ics(forHer.id), await ics("b-unknown", k)];
    for (const r of refused) {
      expect(r.status).toBe(404);
      expect(r.text).toBe(refused[0]?.text);
    }
    const untimed = await ics(own.id, ownKey);
    expect(untimed.status).toBe(409);
    expect(untimed.body.error.code).toBe("NO_FIXED_TIME");
  });

  it("停止分享: the old link opens nothing; sharing again gives a new link; only the booker may stop it", async () => {
    // Prepare: 王奶奶's booking shared by the worker who made it
    const old = keyOf((await share(forHer.id, tok("s"))).body.path);
    const unshare = (token?: string) =>
      api.request("DELETE", `/api/bookings/${forHer.id}/share`, token ? { token } : {});
    // Act: others try, then the worker stops it (twice: the second changes nothing)
    const refused = { otherWorker: await unshare(tok("s2")), volunteer: await unshare(tok("v")) };
    const stopped = await unshare(tok("s"));
    const again = await unshare(tok("s"));
    // Assess
    expect(refused.otherWorker.status).toBe(403);
    expect(refused.volunteer.status).toBe(403);
    expect((await unshare()).status).toBe(401);
    expect(stopped.status, stopped.text).toBe(204);
    expect(again.status).toBe(204);
    expect((await shared(forHer.id, old)).status).toBe(404);
    const fresh = keyOf((await share(forHer.id, tok("s"))).body.path);
    expect(fresh).not.toBe(old);
    expect((await shared(forHer.id, fresh)).status).toBe(200);
    expect((await api.request("DELETE", "/api/bookings/b-nope/share", { token: tok("s") })).status).toBe(404);
  });

  it("any id and any k, the view or its calendar file: a 4xx in the error format or the booking itself, never a 5xx", async () => {
    const ownKey = keyOf((await share(own.id, tok("r"))).body.path);
    const ids = fc.oneof(
      fc.string(),
      fc.string({ unit: "grapheme", maxLength: 40 }),
      fc.constantFrom(own.id, forHer.id, "", ".", "..", "%", "%00", "a/b", "b-".padEnd(80, "x")),
    );
    const ks = fc.oneof(
      fc.string(),
      fc.string({ unit: "grapheme", maxLength: 30 }),
      fc.base64String({ minLength: 20, maxLength: 24 }),
      fc.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      fc.constantFrom(ownKey, ownKey.toLowerCase(), `${ownKey}=`, ` ${ownKey}`, "", "%"),
    );
    await fc.assert(
      fc.asyncProperty(ids, ks, fc.constantFrom("", "/calendar.ics"), async (id, k, file) => {
        const res = await api.request(
          "GET",
          `/api/shared/bookings/${encodeURIComponent(id)}${file}?k=${encodeURIComponent(k)}`,
        );
        const cell = `${id}${file} ${k} → ${res.status} ${res.text.slice(0, 200)}`;
        if (id === own.id && k === ownKey) {
          // The view; own's booking has no fixed time, so no calendar file (409)
          expect(res.status, cell).toBe(file ? 409 : 200);
          return;
        }
        expect(res.status, cell).toBeGreaterThanOrEqual(400);
        expect(res.status, cell).toBeLessThan(500);
        if (res.headers.get("content-type")?.includes("json"))
          expect(res.body?.error?.code ?? res.body?.message, cell).toEqual(expect.any(String));
        expect(res.text).not.toMatch(/at .*\.ts:\d+|stack/i);
      }),
      { numRuns: 150 },
    );
  });

  it("a share with a body, or by someone else, writes nothing", async () => {
    const observable = async () =>
      (await api.request("GET", `/api/bookings/${forHer.id}`, { token: tok("s") })).body;
    await fc.assert(
      fc.asyncProperty(
        anyJsonValue.filter((v) => v !== undefined),
        async (body) => {
          await expectRefusedUnchanged(api, observable, `/api/bookings/${own.id}/share`, tok("r"), body);
        },
      ),
      { numRuns: 20 },
    );
    await expectRefusedUnchanged(api, observable, `/api/bookings/${forHer.id}/share`, tok("s2"), undefined);
    await expectRefusedUnchanged(api, observable, `/api/bookings/${own.id}/share`, tok("r2"), undefined);
  });
});
