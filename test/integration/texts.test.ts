/**
 * Texts (SMS), through the real API and the stream projector: one text per booking
 * and kind, to the booking's phone, for what the resident must know; held through
 * quiet hours (21:00–08:00 Asia/Shanghai); none for a resident who turned them off;
 * never sent twice, though the projection is replayed and the sender runs again;
 * and the day-before reminder once, though the job runs twice.
 *
 * Times are set where it matters by driving the domain with a clock (the API
 * itself always uses the real one).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transition } from "../../functions/domain/bookings/transition.ts";
import { applyChanges } from "../../functions/domain/projections/apply.ts";
import { deliverDue } from "../../functions/domain/texts/deliver.ts";
import type { MessageSender } from "../../functions/domain/texts/sender.ts";
import { handler as remindersJob } from "../../functions/jobs/reminders.ts";
import { type Person, startApi, type TestApi } from "../support/api.ts";
import { eventInput, listingInput, resident, shanghaiAt, volunteer } from "../support/builders.ts";

let api: TestApi;
const t: Record<string, string> = {};
const V = { id: volunteer(1).sub, name: "志愿者1", role: "volunteer" as const };

/** The most recent past instant that was `hour`:00 in Asia/Shanghai. */
function lastShanghai(hour: number): Date {
  const today = shanghaiAt(0, hour);
  return today.getTime() > Date.now() ? shanghaiAt(-1, hour) : today;
}

/** A sender that counts what it is asked to send. */
function countingSender(): MessageSender & { sent: { to: string; text: string }[] } {
  const sent: { to: string; text: string }[] = [];
  return {
    name: "outbox",
    sent,
    send: async (to, text) => {
      sent.push({ to, text });
      return { messageId: "m" };
    },
  };
}

let phoneN = 0;
const freshPhone = () => `1350000${String(++phoneN).padStart(4, "0")}`;

beforeAll(async () => {
  api = await startApi();
  t.v = await api.login(volunteer(1));
  t.r = await api.login(resident(1));
  t.r2 = await api.login(resident(2));
  people.set(t.r, resident(1));
  people.set(t.r2, resident(2));
  t.staff = await api.login({ sub: "s-x1", role: "staff", name: "社工", community: "大关西苑社区" });
});
afterAll(() => api.close());

async function listing(body: Record<string, unknown> = listingInput({ capacity: 5 })) {
  const res = await api.request("POST", "/api/listings", { token: t.v, body });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}
/** Who each token is: a join is made by the same person with `phone` as their verified phone (texts go only to a proven one). */
const people = new Map<string, Person>();
async function join(listingId: string, token: string, phone: string) {
  const person = people.get(token);
  if (!person) throw new Error("unknown token");
  const own = await api.login({ ...person, phone, phoneVerified: true });
  const res = await api.request("POST", `/api/listings/${listingId}/bookings`, {
    token: own,
    body: { phone },
  });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}
async function outbox(to: string) {
  const res = await api.request("GET", `/api/dev/outbox?to=${to}`);
  expect(res.status, res.text).toBe(200);
  return res.body.items as {
    id: string;
    kind: string;
    status: string;
    text: string;
    sendAt: string;
    bookingId: string;
  }[];
}

describe("texts", () => {
  it("one accepted text to the booking's phone, sent once though the projection is replayed and the sender runs again", async () => {
    // Prepare: accepted at 10:00 Shanghai (outside quiet hours)
    const phone = freshPhone();
    const id = await join(await listing(), t.r as string, phone);
    const before = await api.request("GET", `/api/bookings/${id}`, { token: t.r });
    const accepted = await transition(V, id, { action: "accept" }, lastShanghai(10));
    await api.settle();
    // Act
    const sender = countingSender();
    await deliverDue(sender);
    await deliverDue(sender);
    // Replay the accept through the projector (as the stream may deliver it again), then send again
    const stored = await api.request("GET", `/api/bookings/${id}`, { token: t.r });
    const image = (b: Record<string, unknown>) => ({
      ...b,
      type: "booking",
      category: "convenience",
      community: "大关西苑社区",
      kind: "on_demand",
      volunteerName: "志愿者1",
      completionCode: b.completionCode,
      openedAt: b.createdAt,
      updatedAt: (b.acceptedAt ?? b.createdAt) as string,
      codeFailures: 0,
      phoneProven: true,
    });
    await applyChanges([{ id: "replayed-accept", old: image(before.body), new: image(stored.body) }]);
    await deliverDue(sender);
    // Assess
    expect(accepted.status).toBe("accepted");
    expect(sender.sent).toHaveLength(1);
    expect(sender.sent[0]?.to).toBe(phone);
    const texts = await outbox(phone);
    expect(texts.map((x) => [x.kind, x.status])).toEqual([["accepted", "sent"]]);
    // Fixed wording: the category and the time, never the listing's title or anyone's name
    expect(texts[0]?.text).toContain("便民利民");
    expect(texts[0]?.text).not.toContain("义务理发");
    expect(texts[0]?.text.length).toBeLessThanOrEqual(70);
    expect(sender.sent).toHaveLength(1);
  });

  it("holds a text made in quiet hours until 08:00", async () => {
    const phone = freshPhone();
    const id = await join(await listing(), t.r as string, phone);
    // Accepted at 22:00 Shanghai tomorrow: held until 08:00 the day after
    await transition(V, id, { action: "accept" }, shanghaiAt(1, 22));
    await api.settle();
    const sender = countingSender();
    await deliverDue(sender);
    expect(sender.sent).toHaveLength(0);
    const [held] = await outbox(phone);
    expect(held?.status).toBe("held");
    expect(held?.sendAt).toBe(shanghaiAt(2, 8).toISOString());
    // At 07:59 still held; at 08:00 it goes, once
    await deliverDue(sender, new Date(shanghaiAt(2, 8).getTime() - 60_000));
    expect(sender.sent).toHaveLength(0);
    await deliverDue(sender, shanghaiAt(2, 8));
    await deliverDue(sender, shanghaiAt(2, 9));
    expect(sender.sent).toHaveLength(1);
    expect((await outbox(phone))[0]?.status).toBe("sent");
  });

  it("sends none to a resident who turned texts off", async () => {
    const phone = freshPhone();
    const off = await api.request("PUT", "/api/me", { token: t.r2, body: { sms: false } });
    expect(off.status, off.text).toBe(200);
    expect(off.body.sms).toBe(false);
    const id = await join(await listing(), t.r2 as string, phone);
    await transition(V, id, { action: "accept" }, lastShanghai(10));
    await api.settle();
    const sender = countingSender();
    await deliverDue(sender);
    expect(sender.sent).toHaveLength(0);
    expect((await outbox(phone)).map((x) => x.status)).toEqual(["off"]);
    await api.request("PUT", "/api/me", { token: t.r2, body: { sms: true } });
  });

  it("texts declined, promoted, cancelled by the volunteer and expired — not the resident's own cancel", async () => {
    const day = lastShanghai(11);
    // Declined
    const p1 = freshPhone();
    const declined = await join(await listing(), t.r as string, p1);
    await transition(V, declined, { action: "decline", reason: "这周出差" }, day);
    // Expired
    const p2 = freshPhone();
    const expired = await join(await listing(), t.r as string, p2);
    await transition("system", expired, { action: "expire" }, day);
    // The resident's own cancel: no text
    const p3 = freshPhone();
    const own = await join(await listing(), t.r as string, p3);
    await transition(
      { id: resident(1).sub, name: "居民1", role: "resident" },
      own,
      { action: "cancel" },
      day,
    );
    // Withdrawn with its session, and a waitlisted booking moved up
    const p4 = freshPhone();
    const p5 = freshPhone();
    const event = await listing(eventInput({ capacity: 1 }));
    const seated = await join(event, t.r as string, p4);
    const waiting = await join(event, t.r2 as string, p5);
    await transition(V, seated, { action: "withdraw", reason: "场地维修" }, day);
    const eventB = await listing(eventInput({ capacity: 1 }));
    const s2 = await join(eventB, t.r as string, freshPhone());
    const w2 = await join(eventB, t.r2 as string, p5);
    await transition({ id: resident(1).sub, name: "居民1", role: "resident" }, s2, { action: "cancel" }, day);
    await api.settle();
    // Assess
    const kinds = async (p: string, bookingId: string) =>
      (await outbox(p)).filter((x) => x.bookingId === bookingId).map((x) => x.kind);
    expect(await kinds(p1, declined)).toEqual(["declined"]);
    expect(await kinds(p2, expired)).toEqual(["expired"]);
    expect(await kinds(p3, own)).toEqual([]);
    expect(await kinds(p4, seated)).toEqual(["cancelled"]);
    expect(await kinds(p5, waiting)).toEqual([]);
    expect(await kinds(p5, w2)).toEqual(["promoted"]);
    for (const p of [p1, p2, p4, p5])
      for (const x of await outbox(p)) expect(x.text.length).toBeLessThanOrEqual(70);
  });

  it("a worker's booking texts the registered phone, saying to call the 居委会", async () => {
    const phone = freshPhone();
    const reg = await api.request("POST", "/api/staff/residents", {
      token: t.staff,
      body: { name: "王奶奶", phone, consent: true },
    });
    const made = await api.request("POST", `/api/listings/${await listing()}/bookings`, {
      token: t.staff,
      body: { onBehalfOf: reg.body.id },
    });
    await transition(V, made.body.id, { action: "accept" }, lastShanghai(10));
    await api.settle();
    const [text] = await outbox(phone);
    expect(text?.kind).toBe("accepted");
    expect(text?.text).not.toContain("王奶奶");
    expect(text?.text).toContain("居委会");
  });

  it("reminds the day before at 18:00, once, though the job runs twice and late", async () => {
    // Prepare: an event at 09:00 Shanghai three days from now, accepted
    const phone = freshPhone();
    const startsAt = shanghaiAt(3, 9).toISOString();
    const id = await join(await listing(eventInput({ startsAt, capacity: 3 })), t.r as string, phone);
    expect((await api.request("POST", `/api/bookings/${id}/accept`, { token: t.v })).status).toBe(200);
    await api.settle();
    // Act: too early (17:00 the day before), then twice from 18:00 on, the second late
    expect((await remindersJob({ time: shanghaiAt(2, 17).toISOString() })).reminded).toBe(0);
    expect((await remindersJob({ time: shanghaiAt(2, 18, 5).toISOString() })).reminded).toBe(1);
    expect((await remindersJob({ time: shanghaiAt(2, 20, 30).toISOString() })).reminded).toBe(0);
    const sender = countingSender();
    await deliverDue(sender, shanghaiAt(2, 20, 31));
    await deliverDue(sender, shanghaiAt(2, 20, 45));
    // Assess
    const reminders = (await outbox(phone)).filter((x) => x.kind === "reminder");
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.text).toContain("明天");
    // (the accepted text goes too: it was due as well)
    expect(sender.sent.filter((s) => s.to === phone && s.text.includes("提醒您"))).toHaveLength(1);
    for (const token of [t.r, t.v]) {
      const notes = await api.request("GET", "/api/me/notifications", { token });
      const mine = notes.body.items.filter(
        (n: { bookingId: string; type: string }) => n.bookingId === id && n.type === "reminder",
      );
      expect(mine).toHaveLength(1);
      expect(mine[0].text).toContain("明天");
    }
  });

  it("reminds on the day, saying 今天, what every evening run missed: once, not twice, not within the hour", async () => {
    // Prepare: events three days from now. 10:00: accepted and reminded the evening before.
    // 11:00 and 07:30: accepted by 17:00 the evening before, but no run reminded them.
    // 11:30: accepted only that morning, so never due a day-before reminder.
    const phones = [freshPhone(), freshPhone(), freshPhone(), freshPhone()];
    const at = (hour: number, minute = 0) =>
      listing(eventInput({ startsAt: shanghaiAt(3, hour, minute).toISOString(), capacity: 3 }));
    // A resident of their own: the earlier tests left resident 1 with live bookings (5 at most at once).
    const rt = await api.login(resident(3));
    people.set(rt, resident(3));
    const asDue = await join(await at(10), rt, phones[0] as string);
    const missed = await join(await at(11), rt, phones[1] as string);
    const tooNear = await join(await at(7, 30), rt, phones[2] as string);
    const lateAccept = await join(await at(11, 30), rt, phones[3] as string);
    expect((await api.request("POST", `/api/bookings/${asDue}/accept`, { token: t.v })).status).toBe(200);
    await remindersJob({ time: shanghaiAt(2, 18, 5).toISOString() });
    for (const id of [missed, tooNear]) await transition(V, id, { action: "accept" }, shanghaiAt(2, 17));
    await transition(V, lateAccept, { action: "accept" }, shanghaiAt(3, 6, 50));
    await api.settle();
    // Act: the next runs are at 07:00 on the day, then again at 07:15
    const first = await remindersJob({ time: shanghaiAt(3, 7).toISOString() });
    const again = await remindersJob({ time: shanghaiAt(3, 7, 15).toISOString() });
    // Assess: only 11:00 is caught up, once; 10:00 keeps its one reminder of the evening before
    expect(first).toMatchObject({ day: null, reminded: 0, caughtUp: 1 });
    expect(again.caughtUp).toBe(0);
    const texts = await Promise.all(
      phones.map(async (p) => (await outbox(p)).filter((x) => x.kind === "reminder").map((x) => x.text)),
    );
    expect(texts.map((x) => x.length)).toEqual([1, 1, 0, 0]);
    expect(texts[0]?.[0]).toContain("提醒您：明天");
    expect(texts[1]?.[0]).toContain("提醒您：今天");
    const notes = await api.request("GET", "/api/me/notifications", { token: t.v });
    const reminders = (id: string) =>
      notes.body.items.filter(
        (n: { bookingId: string; type: string }) => n.bookingId === id && n.type === "reminder",
      );
    expect(reminders(asDue)).toHaveLength(1);
    expect(reminders(missed)).toHaveLength(1);
    expect(reminders(missed)[0].text).toContain("今天");
  });
});
