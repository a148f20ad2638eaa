/**
 * Reviews through the API: only after completion, once, by the booking's
 * resident; the aggregates move with them; one reply; an admin hides abuse and
 * its stars leave the aggregates.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type TestApi } from "../support/api.ts";
import { admin, listingInput, resident, volunteer } from "../support/builders.ts";

let api: TestApi;
let vToken: string;
let v2Token: string;
let aToken: string;
const rTokens: string[] = [];

beforeAll(async () => {
  api = await startApi();
  vToken = await api.login(volunteer(1));
  v2Token = await api.login(volunteer(2));
  aToken = await api.login(admin());
  for (let i = 1; i <= 6; i++) rTokens.push(await api.login(resident(i)));
});
afterAll(() => api.close());

const r = (i: number) => rTokens[i - 1] as string;

/** A completed booking of resident i on listing `listingId`. */
async function served(listingId: string, i: number) {
  const joined = await api.request("POST", `/api/listings/${listingId}/bookings`, {
    token: r(i),
    body: { phone: "13700001111" },
  });
  expect(joined.status, joined.text).toBe(201);
  const id = joined.body.id as string;
  expect((await api.request("POST", `/api/bookings/${id}/accept`, { token: vToken })).status).toBe(200);
  const done = await api.request("POST", `/api/bookings/${id}/complete`, {
    token: vToken,
    body: { hours: 1, code: joined.body.completionCode },
  });
  expect(done.status, done.text).toBe(200);
  return id;
}

const review = (bookingId: string, token: string, body: unknown) =>
  api.request("POST", `/api/bookings/${bookingId}/review`, { token, body });

describe("reviews", () => {
  it("rates a completed booking once, moving the listing's and volunteer's aggregates together", async () => {
    const l = (
      await api.request("POST", "/api/listings", { token: vToken, body: listingInput({ capacity: 5 }) })
    ).body;
    // Not before completion
    const early = await api.request("POST", `/api/listings/${l.id}/bookings`, {
      token: r(1),
      body: { phone: "13700001111" },
    });
    const notYet = await review(early.body.id, r(1), { stars: 5 });
    expect(notYet.status).toBe(409);
    await api.request("POST", `/api/bookings/${early.body.id}/cancel`, { token: r(1) });

    await api.settle();
    const shopBefore = (await api.request("GET", "/api/volunteers/v-t1")).body.volunteer;
    const b1 = await served(l.id, 1);
    const b2 = await served(l.id, 2);
    expect((await review(b1, r(2), { stars: 1 })).status).toBe(403);
    const first = await review(b1, r(1), { stars: 5, comment: "  王师傅手艺很好 " });
    expect(first.status, first.text).toBe(201);
    expect(first.body).toMatchObject({
      stars: 5,
      comment: "王师傅手艺很好",
      residentName: "居民1",
      bookingId: b1,
    });
    const again = await review(b1, r(1), { stars: 1 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("ALREADY_REVIEWED");
    expect((await review(b2, r(2), { stars: 2 })).status).toBe(201);

    await api.settle();
    const listing = (await api.request("GET", `/api/listings/${l.id}`)).body;
    expect(listing).toMatchObject({ ratingAvg: 3.5, ratingCount: 2, completedCount: 2 });
    const shop = (await api.request("GET", "/api/volunteers/v-t1")).body.volunteer;
    expect(shop.ratingCount).toBe(shopBefore.ratingCount + 2);
    const booking = (await api.request("GET", `/api/bookings/${b1}`, { token: r(1) })).body;
    expect(booking.reviewed).toBe(true);
    const notes = (await api.request("GET", "/api/me/notifications", { token: vToken })).body.items;
    expect(notes[0]).toMatchObject({ type: "reviewed" });

    // Newest first
    const list = await api.request("GET", `/api/listings/${l.id}/reviews`);
    expect(list.body.items.map((x: { stars: number }) => x.stars)).toEqual([2, 5]);

    // One reply, by the listing's volunteer only
    const rid = first.body.id as string;
    expect(
      (await api.request("POST", `/api/reviews/${rid}/reply`, { token: v2Token, body: { text: "谢谢" } }))
        .status,
    ).toBe(403);
    const reply = await api.request("POST", `/api/reviews/${rid}/reply`, {
      token: vToken,
      body: { text: "谢谢您！" },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ reply: "谢谢您！" });
    const second = await api.request("POST", `/api/reviews/${rid}/reply`, {
      token: vToken,
      body: { text: "再谢" },
    });
    expect(second.status).toBe(409);
    await api.settle();
    const rNotes = (await api.request("GET", "/api/me/notifications", { token: r(1) })).body.items;
    expect(rNotes[0]).toMatchObject({ type: "replied" });
  });

  it("lets an admin hide a review: it disappears and its stars leave the aggregates", async () => {
    const l = (
      await api.request("POST", "/api/listings", { token: vToken, body: listingInput({ capacity: 5 }) })
    ).body;
    const b3 = await served(l.id, 3);
    const b4 = await served(l.id, 4);
    await review(b3, r(3), { stars: 5 });
    const abusive = await review(b4, r(4), { stars: 1, comment: "骂人的话" });
    await api.settle();
    const shopBefore = (await api.request("GET", "/api/volunteers/v-t1")).body.volunteer;
    expect(
      (await api.request("POST", `/api/admin/reviews/${abusive.body.id}/hide`, { token: vToken, body: {} }))
        .status,
    ).toBe(403);
    const hidden = await api.request("POST", `/api/admin/reviews/${abusive.body.id}/hide`, {
      token: aToken,
      body: { reason: "辱骂" },
    });
    expect(hidden.status, hidden.text).toBe(200);
    expect(hidden.body.hidden).toBe(true);
    await api.settle();
    const list = await api.request("GET", `/api/listings/${l.id}/reviews`);
    expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(abusive.body.id);
    expect((await api.request("GET", `/api/listings/${l.id}`)).body).toMatchObject({
      ratingAvg: 5,
      ratingCount: 1,
    });
    const shop = (await api.request("GET", "/api/volunteers/v-t1")).body.volunteer;
    expect(shop.ratingCount).toBe(shopBefore.ratingCount - 1);
    const twice = await api.request("POST", `/api/admin/reviews/${abusive.body.id}/hide`, {
      token: aToken,
      body: {},
    });
    expect(twice.status).toBe(409);
    expect(
      (await api.request("POST", "/api/admin/reviews/none/hide", { token: aToken, body: {} })).status,
    ).toBe(404);
  });

  it("pages a listing's reviews newest first", async () => {
    // A volunteer of its own: 22 half-hour visits stay within the day's 12 hours (served.ts).
    const vBusy = await api.login(volunteer(9));
    const l = (
      await api.request("POST", "/api/listings", { token: vBusy, body: listingInput({ capacity: 30 }) })
    ).body;
    const extra: string[] = [];
    for (let i = 0; i < 22; i++) extra.push(await api.login(resident(50 + i)));
    for (const t of extra) {
      const joined = await api.request("POST", `/api/listings/${l.id}/bookings`, {
        token: t,
        body: { phone: "13700001111" },
      });
      await api.request("POST", `/api/bookings/${joined.body.id}/accept`, { token: vBusy });
      await api.request("POST", `/api/bookings/${joined.body.id}/complete`, {
        token: vBusy,
        body: { hours: 0.5, code: joined.body.completionCode },
      });
      expect((await review(joined.body.id, t, { stars: 4 })).status).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string; createdAt: string }[]; nextCursor: string | null } } =
        await api.request("GET", `/api/listings/${l.id}/reviews${cursor ? `?cursor=${cursor}` : ""}`);
      seen.push(...page.body.items.map((x) => x.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(22);
    expect(new Set(seen).size).toBe(22);
    expect((await api.request("GET", `/api/listings/${l.id}/reviews?cursor=garbage`)).status).toBe(400);
  });
});
