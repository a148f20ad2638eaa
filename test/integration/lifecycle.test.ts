/**
 * Every (state, action, actor) triple of the booking lifecycle, through the API:
 * the allowed ones succeed and land in the right state; every other one is a
 * 409 or a 403 and changes nothing. Racing transitions never both win.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transition } from "../../functions/domain/bookings/transition.ts";
import { BookingStatus } from "../../shared/schemas.ts";
import { startApi, type TestApi } from "../support/api.ts";
import { admin, eventInput, resident, volunteer } from "../support/builders.ts";

let api: TestApi;
const tokens: Record<string, string> = {};
let fillers = 0;
let made = 0;

/** Every booking state: the schema's list, so a new state cannot escape this walk. */
const STATES = BookingStatus.options;
const ACTIONS = ["accept", "decline", "complete", "confirm", "cancel", "review"] as const;
const ACTORS = ["resident", "volunteer", "otherResident", "otherVolunteer", "admin"] as const;
type State = (typeof STATES)[number];
type ActionName = (typeof ACTIONS)[number];
type ActorName = (typeof ACTORS)[number];

/** The rules, written out independently of the code under test. */
const ALLOWED: Record<ActionName, { actor: ActorName; from: State[]; to: State }> = {
  accept: { actor: "volunteer", from: ["requested"], to: "accepted" },
  decline: { actor: "volunteer", from: ["requested", "waitlisted"], to: "declined" },
  complete: { actor: "volunteer", from: ["accepted"], to: "completed" },
  confirm: { actor: "resident", from: ["accepted"], to: "completed" },
  cancel: { actor: "resident", from: ["requested", "waitlisted", "accepted"], to: "cancelled" },
  review: { actor: "resident", from: ["completed"], to: "completed" },
};

beforeAll(async () => {
  api = await startApi();
  tokens.volunteer = await api.login(volunteer(1));
  tokens.otherVolunteer = await api.login(volunteer(2));
  tokens.resident = await api.login(resident(1));
  tokens.otherResident = await api.login(resident(2));
  tokens.admin = await api.login(admin());
});
afterAll(() => api.close());

const tok = (a: ActorName) => tokens[a] as string;

async function act(id: string, action: ActionName, actor: ActorName, code = "000000") {
  const body =
    action === "decline"
      ? { reason: "时间冲突" }
      : action === "complete"
        ? { hours: 2, code }
        : action === "confirm"
          ? {}
          : action === "review"
            ? { stars: 4, comment: "很耐心" }
            : undefined;
  const path = action === "review" ? `/api/bookings/${id}/review` : `/api/bookings/${id}/${action}`;
  return api.request("POST", path, { token: tok(actor), ...(body ? { body } : {}) });
}

/** A fresh booking of resident(1) on its own event listing of 1 seat, brought to `state`. */
async function bookingIn(state: State): Promise<{ id: string; listingId: string; code: string }> {
  // Each booking its own resident and volunteer: the walk is of states, not of the caps on one
  // account's live bookings (5) or one volunteer's hours a day (12; bookings/served.ts).
  made++;
  tokens.volunteer = await api.login(volunteer(200 + made));
  tokens.resident = await api.login(resident(300 + made));
  const volunteerSub = volunteer(200 + made).sub;
  // Under way since an hour ago: served only from its start (issue 20.2).
  const startsAt = new Date(Date.now() - 3_600_000).toISOString();
  const l = await api.request("POST", "/api/listings", {
    token: tok("volunteer"),
    body: eventInput({ capacity: 1, startsAt }),
  });
  const listingId = l.body.id as string;
  const join = (token: string) =>
    api.request("POST", `/api/listings/${listingId}/bookings`, { token, body: { phone: "13900001111" } });
  if (state === "waitlisted") {
    fillers++;
    expect((await join(await api.login(resident(100 + fillers)))).status).toBe(201);
  }
  const joined = await join(tok("resident"));
  expect(joined.status, joined.text).toBe(201);
  const id = joined.body.id as string;
  const code = joined.body.completionCode as string;
  const step = async (action: ActionName, actor: ActorName) =>
    expect((await act(id, action, actor, code)).status).toBe(200);
  if (state === "accepted" || state === "completed" || state === "no_show") await step("accept", "volunteer");
  if (state === "completed") await step("complete", "volunteer");
  if (state === "declined") await step("decline", "volunteer");
  if (state === "cancelled") await step("cancel", "resident");
  if (state === "expired") await transition("system", id, { action: "expire" });
  // 居民未到 once the event's time has come (a week on, well past it).
  if (state === "no_show")
    await transition(
      { id: volunteerSub, name: "志愿者", role: "volunteer" },
      id,
      { action: "noShow" },
      new Date(Date.now() + 8 * 86_400_000),
    );
  return { id, listingId, code };
}

/** What a user could observe: the booking (as its resident) and the listing's counters. */
async function snapshot(id: string, listingId: string) {
  const b = await api.request("GET", `/api/bookings/${id}`, { token: tok("resident") });
  const l = await api.request("GET", `/api/listings/${listingId}`);
  const reviews = await api.request("GET", `/api/listings/${listingId}/reviews`);
  return {
    booking: b.body,
    seats: l.body.seatsTaken,
    waitlist: l.body.waitlistCount,
    rating: [l.body.ratingAvg, l.body.ratingCount, l.body.completedCount],
    reviews: reviews.body.items.length,
  };
}

describe("booking lifecycle", () => {
  for (const state of STATES) {
    it(`from ${state}: every action by every actor`, async () => {
      // Prepare
      const b = await bookingIn(state);
      expect(
        (await api.request("GET", `/api/bookings/${b.id}`, { token: tok("resident") })).body.status,
      ).toBe(state);
      await api.settle();
      const before = await snapshot(b.id, b.listingId);
      // Act + Assess: refused triples, all against the same booking, change nothing
      for (const action of ACTIONS) {
        for (const actor of ACTORS) {
          const rule = ALLOWED[action];
          if (rule.actor === actor && rule.from.includes(state)) continue;
          const res = await act(b.id, action, actor, b.code);
          const expected = rule.actor === actor ? 409 : 403;
          expect(res.status, `${state} ${action} by ${actor}: ${res.text}`).toBe(expected);
        }
      }
      await api.settle();
      expect(await snapshot(b.id, b.listingId)).toEqual(before);
      // Allowed triples, each on a fresh booking in this state
      for (const action of ACTIONS) {
        const rule = ALLOWED[action];
        if (!rule.from.includes(state)) continue;
        const fresh = await bookingIn(state);
        const res = await act(fresh.id, action, rule.actor, fresh.code);
        expect(res.status, `${state} ${action}: ${res.text}`).toBe(action === "review" ? 201 : 200);
        const after = await api.request("GET", `/api/bookings/${fresh.id}`, { token: tok("resident") });
        expect(after.body.status).toBe(rule.to);
      }
    });
  }

  it("racing transitions on one booking never both win (pairs that exclude each other)", async () => {
    const pairs: [ActionName, ActorName, ActionName, ActorName][] = [
      ["decline", "volunteer", "cancel", "resident"],
      ["decline", "volunteer", "accept", "volunteer"],
      ["accept", "volunteer", "accept", "volunteer"],
      ["cancel", "resident", "cancel", "resident"],
    ];
    for (const [a1, who1, a2, who2] of pairs) {
      for (let round = 0; round < 3; round++) {
        const b = await bookingIn("requested");
        const results = await Promise.all([act(b.id, a1, who1, b.code), act(b.id, a2, who2, b.code)]);
        const statuses = results.map((r) => r.status).sort();
        expect(statuses, `${a1} vs ${a2}`).toEqual([200, 409]);
        const l = await api.request("GET", `/api/listings/${b.listingId}`);
        const final = (await api.request("GET", `/api/bookings/${b.id}`, { token: tok("resident") })).body;
        expect(l.body.seatsTaken).toBe(final.status === "accepted" ? 1 : 0);
      }
    }
    // Complete and cancel race on an accepted booking
    for (let round = 0; round < 3; round++) {
      const b = await bookingIn("accepted");
      const results = await Promise.all([
        act(b.id, "complete", "volunteer", b.code),
        act(b.id, "cancel", "resident", b.code),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    }
  });
});
