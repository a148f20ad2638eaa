/**
 * Scheduled services through the real local server and DynamoDB Local: a weekly
 * schedule makes its sessions, each session is a small event (its own seats,
 * waitlist and promotion, first come first served), past and cancelled sessions
 * refuse joins, cancelling a session ends exactly its live bookings, a schedule
 * edit changes only future unbooked sessions, and a booking exports as iCalendar.
 */
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDay, localTime } from "../../shared/clock.ts";
import { startApi, type TestApi } from "../support/api.ts";
import { eventInput, resident, volunteer } from "../support/builders.ts";
import { sentCommands } from "../support/commands.ts";

let api: TestApi;
let vToken: string;
const residents: string[] = [];
/** Each resident's own verified phone (one live seat per proven phone per session), all ending 5678. */
const phoneOf = new Map<string, string>();
const phoneFor = (i: number) => `139${String(i).padStart(4, "0")}5678`;

beforeAll(async () => {
  api = await startApi();
  vToken = await api.login(volunteer(31));
  // Each books with the phone Cognito verified for them: a join is then one request (a family number adds the read of its proof).
  for (let i = 1; i <= 200; i++) {
    const token = await api.login({ ...resident(300 + i), phone: phoneFor(i), phoneVerified: true });
    phoneOf.set(token, phoneFor(i));
    residents.push(token);
  }
});
afterAll(() => api.close());

const r = (i: number) => residents[i - 1] as string;
const today = () => localDay(new Date());

async function scheduled(schedule: Record<string, unknown> = {}) {
  const res = await api.request("POST", "/api/listings", {
    token: vToken,
    body: eventInput({
      title: "义务理发（每周六）",
      startsAt: undefined,
      schedule: {
        rrule: "FREQ=WEEKLY;BYDAY=SA",
        startTime: "09:00",
        durationMinutes: 120,
        from: today(),
        capacity: 20,
        ...schedule,
      },
    }),
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string };
}

type SessionView = {
  id: string;
  startsAt: string;
  endsAt: string;
  seatsTaken: number;
  waitlistCount: number;
  status: string;
  capacity: number;
};
const sessions = async (id: string): Promise<SessionView[]> => {
  const res = await api.request("GET", `/api/listings/${id}/sessions`);
  expect(res.status, res.text).toBe(200);
  return res.body.items;
};
const join = (listingId: string, token: string, sessionId?: string) =>
  api.request("POST", `/api/listings/${listingId}/bookings`, {
    token,
    body: { phone: phoneOf.get(token), ...(sessionId ? { sessionId } : {}) },
  });

describe("a weekly schedule", () => {
  it("makes the coming 8 weeks of Saturday sessions at 09:00–11:00 Shanghai time, 20 seats each", async () => {
    const { id } = await scheduled();
    const got = await sessions(id);
    expect(got.length).toBeGreaterThanOrEqual(7);
    expect(got.length).toBeLessThanOrEqual(9);
    for (const s of got) {
      expect(localTime(s.startsAt).weekday).toBe(6);
      expect(s.startsAt.slice(11, 16)).toBe("01:00");
      expect(Date.parse(s.endsAt) - Date.parse(s.startsAt)).toBe(2 * 3_600_000);
      expect(s).toMatchObject({ capacity: 20, seatsTaken: 0, waitlistCount: 0, status: "open" });
    }
    // Making them again (the daily job) changes nothing.
    const { handler } = await import("../../functions/jobs/sessions.ts");
    await handler();
    expect(await sessions(id)).toEqual(got);
  });

  it("200 concurrent joins on one session of 20 seats: exactly 20 seated, 180 waitlisted in arrival order, other sessions untouched", async () => {
    const { id } = await scheduled();
    const [first, second] = await sessions(id);
    const answers = await Promise.all(residents.map((t) => join(id, t, first?.id)));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    const seated = answers.filter((a) => a.body.status === "requested");
    const waiting = answers.filter((a) => a.body.status === "waitlisted");
    expect(seated).toHaveLength(20);
    expect(waiting).toHaveLength(180);
    for (const a of answers)
      expect(a.body).toMatchObject({ sessionId: first?.id, startsAt: first?.startsAt });
    // Once the rush is over, the waitlist is 1..180 in arrival order.
    const now = await Promise.all(
      waiting.map(async (a) => {
        const owner = r(answers.indexOf(a) + 1);
        return (await api.request("GET", `/api/bookings/${a.body.id}`, { token: owner })).body;
      }),
    );
    now.sort((x, y) => x.waitlistPosition - y.waitlistPosition);
    expect(now.map((b) => b.waitlistPosition)).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));
    const arrivals = now.map((b) => b.createdAt);
    expect([...arrivals].sort()).toEqual(arrivals);
    const after = await sessions(id);
    expect(after[0]).toMatchObject({ seatsTaken: 20, waitlistCount: 180 });
    expect(after[1]).toMatchObject({ id: second?.id, seatsTaken: 0, waitlistCount: 0 });
    // One live booking per resident and session; the same resident may book another session.
    expect((await join(id, r(1), first?.id)).status).toBe(409);
    expect((await join(id, r(1), second?.id)).status).toBe(201);
    // A cancel in the session promotes that session's earliest waiter, nobody else's.
    const leaving = seated[0]?.body.id as string;
    const owner = r(answers.indexOf(seated[0] as (typeof answers)[number]) + 1);
    expect((await api.request("POST", `/api/bookings/${leaving}/cancel`, { token: owner })).status).toBe(200);
    const moved = await sessions(id);
    expect(moved[0]).toMatchObject({ seatsTaken: 20, waitlistCount: 179 });
    expect(moved[1]).toMatchObject({ seatsTaken: 1, waitlistCount: 0 });
  });

  it("joining needs a session: 400 without, 404 for an unknown one, 409 for a past or cancelled one", async () => {
    const { id } = await scheduled();
    const [s] = await sessions(id);
    expect((await join(id, r(50))).status).toBe(400);
    expect((await join(id, r(50), "20991231-0900")).status).toBe(404);
    const past = await join(id, r(50), "20200104-0900");
    expect(past.status).toBe(409);
    expect(past.body.error.code).toBe("SESSION_PAST");
    const cancel = await api.request("POST", `/api/listings/${id}/sessions/${s?.id}/cancel`, {
      token: vToken,
      body: { reason: "理发师临时生病" },
    });
    expect(cancel.status, cancel.text).toBe(200);
    expect(cancel.body).toMatchObject({ id: s?.id, status: "cancelled", cancelReason: "理发师临时生病" });
    const refused = await join(id, r(50), s?.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("SESSION_CANCELLED");
    // A plain event takes no sessionId.
    const plain = await api.request("POST", "/api/listings", { token: vToken, body: eventInput() });
    expect((await join(plain.body.id, r(50), s?.id)).status).toBe(400);
  });

  it("cancelling a session cancels exactly its live bookings, and only the owner may", async () => {
    const { id } = await scheduled({ capacity: 2 });
    const [s, other] = await sessions(id);
    const joined = [];
    for (let i = 60; i < 64; i++) joined.push((await join(id, r(i), s?.id)).body);
    const elsewhere = (await join(id, r(64), other?.id)).body;
    expect(joined.map((b) => b.status)).toEqual(["requested", "requested", "waitlisted", "waitlisted"]);
    expect(
      (await api.request("POST", `/api/bookings/${joined[0].id}/accept`, { token: vToken })).status,
    ).toBe(200);
    const stranger = await api.login(volunteer(32));
    const path = `/api/listings/${id}/sessions/${s?.id}/cancel`;
    expect((await api.request("POST", path, { token: stranger, body: { reason: "x" } })).status).toBe(403);
    expect((await api.request("POST", path, { token: vToken, body: {} })).status).toBe(400);
    expect((await api.request("POST", path, { token: vToken, body: { reason: "下雨暂停" } })).status).toBe(
      200,
    );
    for (const [i, b] of joined.entries()) {
      const got = (await api.request("GET", `/api/bookings/${b.id}`, { token: r(60 + i) })).body;
      expect(got.status).toBe("cancelled");
    }
    expect((await api.request("GET", `/api/bookings/${elsewhere.id}`, { token: r(64) })).body.status).toBe(
      "requested",
    );
    expect((await api.request("POST", path, { token: vToken, body: { reason: "again" } })).status).toBe(409);
    const after = await sessions(id);
    expect(after.find((x) => x.id === s?.id)).toMatchObject({ status: "cancelled" });
    expect(after.find((x) => x.id === other?.id)).toMatchObject({ status: "open", seatsTaken: 1 });
  });

  it("a new schedule drops future sessions nobody booked and keeps booked ones", async () => {
    const { id } = await scheduled();
    const before = await sessions(id);
    const booked = before[2] as SessionView;
    expect((await join(id, r(70), booked.id)).status).toBe(201);
    const patched = await api.request("PATCH", `/api/listings/${id}`, {
      token: vToken,
      body: {
        schedule: {
          rrule: "FREQ=WEEKLY;BYDAY=SU",
          startTime: "14:00",
          durationMinutes: 90,
          from: today(),
          capacity: 10,
        },
      },
    });
    expect(patched.status, patched.text).toBe(200);
    const after = await sessions(id);
    const ids = after.map((s) => s.id);
    expect(ids).toContain(booked.id);
    for (const s of before) if (s.id !== booked.id) expect(ids).not.toContain(s.id);
    for (const s of after.filter((x) => x.id !== booked.id)) {
      expect(localTime(s.startsAt).weekday).toBe(0);
      expect(s).toMatchObject({ capacity: 10 });
    }
  });

  it("joining a session costs the same DynamoDB requests as joining a plain event", async () => {
    const { id } = await scheduled();
    const [s] = await sessions(id);
    const event = (await api.request("POST", "/api/listings", { token: vToken, body: eventInput() })).body;
    // Warm both listings' facts, as a rush would.
    await join(id, r(80), s?.id);
    await join(event.id, r(80));
    sentCommands.length = 0;
    expect((await join(id, r(81), s?.id)).status).toBe(201);
    const session = [...sentCommands];
    sentCommands.length = 0;
    expect((await join(event.id, r(81))).status).toBe(201);
    expect(session).toEqual([...sentCommands]);
    expect(session).toEqual(["TransactWriteItems"]);
  });
});

describe("rosters and the community calendar", () => {
  it("shows a session's roster to its volunteer in arrival order, contact masked", async () => {
    const { id } = await scheduled({ capacity: 2 });
    const [s] = await sessions(id);
    const ids: string[] = [];
    for (let i = 100; i < 103; i++) ids.push((await join(id, r(i), s?.id)).body.id);
    const path = `/api/listings/${id}/sessions/${s?.id}/roster`;
    const res = await api.request("GET", path, { token: vToken });
    expect(res.status, res.text).toBe(200);
    expect(res.body.session).toMatchObject({ id: s?.id, seatsTaken: 2, waitlistCount: 1 });
    expect(res.body.items.map((b: { id: string }) => b.id)).toEqual(ids);
    expect(res.body.items.map((b: { status: string }) => b.status)).toEqual([
      "requested",
      "requested",
      "waitlisted",
    ]);
    expect(res.body.items[2].waitlistPosition).toBe(1);
    for (const b of res.body.items) expect(b.phone).toBe("****5678");
    const stranger = await api.login(volunteer(33));
    expect((await api.request("GET", path, { token: stranger })).status).toBe(403);
    expect((await api.request("GET", path, { token: r(100) })).status).toBe(403);
  });

  it("lists a community's sessions and one-off events of the next two weeks, in time order", async () => {
    const community = "和睦新村社区";
    const weekly = (
      await api.request("POST", "/api/listings", {
        token: vToken,
        body: eventInput({
          title: "量血压",
          community,
          startsAt: undefined,
          schedule: {
            rrule: "FREQ=WEEKLY;BYDAY=MO",
            startTime: "08:30",
            durationMinutes: 60,
            from: today(),
            capacity: 15,
          },
        }),
      })
    ).body;
    const once = (
      await api.request("POST", "/api/listings", {
        token: vToken,
        body: eventInput({
          title: "防诈骗讲座",
          community,
          startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
        }),
      })
    ).body;
    const farAway = await api.request("POST", "/api/listings", {
      token: vToken,
      body: eventInput({
        title: "远期活动",
        community,
        startsAt: new Date(Date.now() + 40 * 86_400_000).toISOString(),
      }),
    });
    expect(farAway.status).toBe(201);
    const res = await api.request("GET", `/api/calendar?community=${encodeURIComponent(community)}`);
    expect(res.status, res.text).toBe(200);
    const items = res.body.items as {
      listingId: string;
      sessionId?: string;
      startsAt: string;
      title: string;
    }[];
    const rangeEnd = Date.parse(`${res.body.to}T16:00:00Z`);
    const due = (await sessions(weekly.id)).filter((x) => Date.parse(x.startsAt) < rangeEnd);
    expect(due.length).toBeGreaterThanOrEqual(1);
    expect(items.filter((i) => i.listingId === weekly.id).map((i) => i.sessionId)).toEqual(
      due.map((x) => x.id),
    );
    expect(items.filter((i) => i.listingId === once.id)).toEqual([
      expect.objectContaining({ title: "防诈骗讲座", startsAt: once.startsAt, capacity: 10, seatsTaken: 0 }),
    ]);
    expect(items.some((i) => i.title === "远期活动")).toBe(false);
    expect(items.map((i) => i.startsAt)).toEqual([...items.map((i) => i.startsAt)].sort());
    // A paused event leaves the calendar; another community's calendar does not show these.
    await api.request("PATCH", `/api/listings/${once.id}`, { token: vToken, body: { status: "paused" } });
    const again = await api.request("GET", `/api/calendar?community=${encodeURIComponent(community)}`);
    expect(again.body.items.some((i: { listingId: string }) => i.listingId === once.id)).toBe(false);
    const elsewhere = await api.request(
      "GET",
      `/api/calendar?community=${encodeURIComponent("大关西苑社区")}`,
    );
    expect(elsewhere.body.items.some((i: { listingId: string }) => i.listingId === weekly.id)).toBe(false);
    expect((await api.request("GET", "/api/calendar")).status).toBe(400);
  });
});

describe("fill rate", () => {
  it("counts a session once it has started: seats taken of seats, by category and community, once however often the job runs", async () => {
    const community = "祥符桥社区";
    const res = await api.request("POST", "/api/listings", {
      token: vToken,
      body: eventInput({
        title: "智能手机课",
        category: "counseling",
        community,
        startsAt: undefined,
        schedule: {
          rrule: "FREQ=WEEKLY;BYDAY=WE",
          startTime: "15:00",
          durationMinutes: 60,
          from: today(),
          capacity: 8,
        },
      }),
    });
    const [s] = await sessions(res.body.id);
    for (let i = 120; i < 123; i++) expect((await join(res.body.id, r(i), s?.id)).status).toBe(201);
    const { countStartedSessions } = await import("../../functions/domain/sessions/fill.ts");
    const before = new Date(Date.parse(s?.startsAt as string) - 60_000);
    expect(await countStartedSessions([community], before)).toBe(0);
    const after = new Date(Date.parse(s?.startsAt as string) + 60_000);
    expect(await countStartedSessions([community], after)).toBe(1);
    expect(await countStartedSessions([community], after)).toBe(0);
    const { GetCommand } = await import("@aws-sdk/lib-dynamodb");
    const { ddb, TABLE_NAME } = await import("../../functions/lib/db.ts");
    const { keys } = await import("../../shared/keys.ts");
    const day = localDay(s?.startsAt as string);
    for (const [dimension, value] of [
      ["category", "counseling"],
      ["community", community],
    ] as const) {
      const item = (
        await ddb.send(new GetCommand({ TableName: TABLE_NAME, Key: keys.statsDay(dimension, day, value) }))
      ).Item;
      expect(item).toMatchObject({ sessionsHeld: 1, seatsOffered: 8, seatsFilled: 3 });
    }
  });
});

describe("加到手机日历", () => {
  it("gives the booking as one VEVENT that an iCalendar parser reads, at the session's times", async () => {
    const { id } = await scheduled();
    const [s] = await sessions(id);
    const b = (await join(id, r(90), s?.id)).body;
    const res = await api.request("GET", `/api/bookings/${b.id}/calendar.ics`, { token: r(90) });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/calendar/);
    const cal = new ICAL.Component(ICAL.parse(res.text));
    const events = cal.getAllSubcomponents("vevent");
    expect(events).toHaveLength(1);
    const ev = new ICAL.Event(events[0]);
    expect(ev.summary).toBe("义务理发（每周六）");
    expect(ev.startDate.toJSDate().toISOString()).toBe(new Date(s?.startsAt as string).toISOString());
    expect(ev.endDate.toJSDate().toISOString()).toBe(new Date(s?.endsAt as string).toISOString());
    expect(ev.description).toContain(b.completionCode);
    expect(ev.uid).toBe(`${b.id}@wangtao`);
    // Only its resident; a booking without a fixed time has no calendar entry.
    expect((await api.request("GET", `/api/bookings/${b.id}/calendar.ics`, { token: r(91) })).status).toBe(
      403,
    );
    const onDemand = await api.request("POST", "/api/listings", {
      token: vToken,
      body: { ...eventInput(), kind: "on_demand", startsAt: undefined },
    });
    const od = (await join(onDemand.body.id, r(91))).body;
    expect((await api.request("GET", `/api/bookings/${od.id}/calendar.ics`, { token: r(91) })).status).toBe(
      409,
    );
  });
});
