/**
 * 居民未到 (no-show), through the real API: only the booking's volunteer, only on an
 * accepted booking whose time has come; the resident is told kindly, the dashboard
 * counts it by community and category, an event's seat stays used while an
 * on-demand slot is freed, and nothing stops the resident booking again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transition } from "../../functions/domain/bookings/transition.ts";
import { startApi, type TestApi } from "../support/api.ts";
import { admin, eventInput, listingInput, resident, volunteer } from "../support/builders.ts";

let api: TestApi;
const t: Record<string, string> = {};

beforeAll(async () => {
  api = await startApi();
  t.v = await api.login(volunteer(1));
  t.v2 = await api.login(volunteer(2));
  t.r = await api.login(resident(1));
  t.admin = await api.login(admin());
});
afterAll(() => api.close());

async function acceptedBooking(listing: Record<string, unknown>) {
  const l = await api.request("POST", "/api/listings", { token: t.v, body: listing });
  expect(l.status, l.text).toBe(201);
  const j = await api.request("POST", `/api/listings/${l.body.id}/bookings`, {
    token: t.r,
    body: { phone: "13900002222" },
  });
  expect(j.status, j.text).toBe(201);
  const a = await api.request("POST", `/api/bookings/${j.body.id}/accept`, { token: t.v });
  expect(a.status, a.text).toBe(200);
  return { listingId: l.body.id as string, bookingId: j.body.id as string };
}

const noShow = (id: string, token: string) => api.request("POST", `/api/bookings/${id}/no-show`, { token });

describe("no-show", () => {
  it("marks an event booking whose start has passed, counts it, tells the resident, keeps the seat used", async () => {
    // Prepare: an event that started an hour ago
    const startsAt = new Date(Date.now() - 3_600_000).toISOString();
    const { listingId, bookingId } = await acceptedBooking(
      eventInput({ startsAt, capacity: 2, community: "长乐社区", category: "health" }),
    );
    // Act: others may not
    expect((await noShow(bookingId, t.r as string)).status).toBe(403);
    expect((await noShow(bookingId, t.v2 as string)).status).toBe(403);
    const res = await noShow(bookingId, t.v as string);
    // Assess
    expect(res.status, res.text).toBe(200);
    expect(res.body.status).toBe("no_show");
    expect(res.body.noShowAt).toBeTruthy();
    expect((await noShow(bookingId, t.v as string)).status).toBe(409);
    const l = await api.request("GET", `/api/listings/${listingId}`);
    expect(l.body.seatsTaken).toBe(1);
    await api.settle();
    const notes = await api.request("GET", "/api/me/notifications", { token: t.r });
    const note = notes.body.items.find(
      (n: { bookingId: string; type: string }) => n.bookingId === bookingId && n.type === "no_show",
    );
    expect(note?.text).toContain("没关系");
    const stats = await api.request("GET", "/api/admin/stats", { token: t.admin });
    expect(stats.status, stats.text).toBe(200);
    expect(stats.body.totals.noShow).toBe(1);
    expect(stats.body.byCommunity.find((r: { key: string }) => r.key === "长乐社区")?.noShow).toBe(1);
    expect(stats.body.byCategory.find((r: { key: string }) => r.key === "health")?.noShow).toBe(1);
    // Not punitive: the resident books again at once
    const again = await api.request("POST", `/api/listings/${listingId}/bookings`, {
      token: t.r,
      body: { phone: "13900002222" },
    });
    expect(again.status, again.text).toBe(201);
  });

  it("refuses before the time has come, and on a booking not accepted", async () => {
    const future = await acceptedBooking(eventInput());
    const early = await noShow(future.bookingId, t.v as string);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("NO_SHOW_TOO_EARLY");
    // On demand, just accepted: too early too
    const onDemand = await acceptedBooking(listingInput({ capacity: 1 }));
    expect((await noShow(onDemand.bookingId, t.v as string)).body.error.code).toBe("NO_SHOW_TOO_EARLY");
    // A request not yet accepted
    const l = await api.request("POST", "/api/listings", { token: t.v, body: listingInput() });
    const j = await api.request("POST", `/api/listings/${l.body.id}/bookings`, {
      token: t.r,
      body: { phone: "13900002222" },
    });
    const res = await noShow(j.body.id, t.v as string);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("INVALID_TRANSITION");
  });

  it("frees an on-demand slot once its time has come (2 hours after acceptance)", async () => {
    const { listingId, bookingId } = await acceptedBooking(listingInput({ capacity: 1 }));
    expect((await api.request("GET", `/api/listings/${listingId}`)).body.seatsTaken).toBe(1);
    const later = new Date(Date.now() + 2 * 3_600_000 + 1000);
    const b = await transition(
      { id: volunteer(1).sub, name: "志愿者1", role: "volunteer" },
      bookingId,
      { action: "noShow" },
      later,
    );
    expect(b.status).toBe("no_show");
    expect((await api.request("GET", `/api/listings/${listingId}`)).body.seatsTaken).toBe(0);
  });
});
