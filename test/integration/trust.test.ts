/**
 * Trust and safety (issue 19, API.md v1.2), attacks replayed against the local
 * stack — real HTTP, the local gateway and authorizer, DynamoDB Local, the stream
 * projector and the texts job: texts go only to a proven phone and never carry a
 * user's words; one-time codes prove a family number (hashed, expiring, few tries,
 * rate-limited); each number and account has a daily cap; a number opts itself out
 * by replying T or on the opt-out page; joins are rate-limited per caller.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handler as preSignUp, SIGN_UP_LIMITS } from "../../functions/auth/pre-sign-up.ts";
import { EXPIRE_AFTER_MS } from "../../functions/domain/booking-rules.ts";
import { expireOpenRequests } from "../../functions/domain/bookings/expire.ts";
import { transition } from "../../functions/domain/bookings/transition.ts";
import { localDay, zonedInstant } from "../../shared/clock.ts";
import { CODE_RULES, JOIN_RATE, SMS_CAPS } from "../../shared/trust.ts";
import { startApi, type TestApi } from "../support/api.ts";
import { listingInput, volunteer } from "../support/builders.ts";
import { expectRefusedUnchanged, hostileBody, invalidFor } from "../support/hostile.ts";

let api: TestApi;
let vToken: string;
const V = { id: volunteer(1).sub, name: "志愿者1", role: "volunteer" as const };

interface Text {
  id: string;
  to: string;
  kind: string;
  status: string;
  text: string;
  bookingId: string;
}

let n = 0;
/** A number nobody else in this file uses. */
const freshPhone = () => `1360000${String(++n).padStart(4, "0")}`;
let accounts = 0;
/** A throw-away resident account (one email each); `phone` as its Cognito-verified phone if given. */
const throwAway = (phone?: string) =>
  api.login({
    sub: `r-throwaway-${++accounts}`,
    role: "resident",
    name: "加V:xxx领补贴",
    ...(phone ? { phone, phoneVerified: true } : {}),
  });

beforeAll(async () => {
  api = await startApi();
  vToken = await api.login(volunteer(1));
});
afterAll(() => api.close());

async function listing() {
  const res = await api.request("POST", "/api/listings", {
    token: vToken,
    body: listingInput({ capacity: 5 }),
  });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}
async function join(listingId: string, token: string, body: Record<string, unknown>) {
  const res = await api.request("POST", `/api/listings/${listingId}/bookings`, { token, body });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}
async function outbox(to: string): Promise<Text[]> {
  const res = await api.request("GET", `/api/dev/outbox?to=${to}`);
  expect(res.status, res.text).toBe(200);
  return res.body.items;
}
/** The code last texted to `to` (read off the "phone", as its owner would). */
async function codeSentTo(to: string): Promise<string> {
  const code = (await outbox(to)).find((t) => t.kind === "code");
  expect(code?.status).toBe("sent");
  return /验证码(\d{6})/.exec(code?.text ?? "")?.[1] ?? "";
}
/** The last 10:00 Asia/Shanghai that has passed (outside quiet hours, whenever the test runs). */
function lastTenInShanghai(): Date {
  const today = zonedInstant(localDay(new Date()), "10:00");
  return today.getTime() > Date.now() ? new Date(today.getTime() - 86_400_000) : today;
}
/** The resident cancels her own booking: it ends, and no text is made for it. */
async function cancelOwn(bookingId: string, token: string) {
  const res = await api.request("POST", `/api/bookings/${bookingId}/cancel`, { token });
  expect(res.status, res.text).toBe(200);
}
/** Accept as at 10:00 Asia/Shanghai (outside quiet hours) and let the projector make the texts. */
async function accept(bookingId: string) {
  await transition(V, bookingId, { action: "accept" }, lastTenInShanghai());
  await api.settle();
}

describe("texts only to a proven phone, in fixed wording", () => {
  it("a throw-away account booking with a stranger's phone and spam gets no text to it, declined or expired", async () => {
    const stranger = freshPhone();
    const spam = { phone: stranger, preferredTime: "加V:xxx领补贴 回复1", note: "加V:xxx领补贴" };
    // Declined by the volunteer
    const declined = await join(await listing(), await throwAway(), spam);
    const res = await api.request("POST", `/api/bookings/${declined}/decline`, {
      token: vToken,
      body: { reason: "时间冲突" },
    });
    expect(res.status, res.text).toBe(200);
    // Expired after 48 h unanswered, by an account that has a verified phone of its own
    const expired = await join(await listing(), await throwAway(freshPhone()), spam);
    await api.settle();
    await expireOpenRequests(new Date(Date.now() + EXPIRE_AFTER_MS + 60_000));
    // Promoted and accepted: still nothing
    const acceptedToo = await join(await listing(), await throwAway(), spam);
    await accept(acceptedToo);
    await api.settle();
    const mine = await api.request("GET", `/api/bookings/${declined}`, { token: vToken });
    expect(mine.body.status).toBe("declined");
    expect(await outbox(stranger)).toEqual([]);
    // The booking is made all the same, and its owner sees it
    expect((await api.request("GET", `/api/bookings/${expired}`, { token: vToken })).body.status).toBe(
      "expired",
    );
  });

  it("texts the account's verified phone, in words of ours only", async () => {
    const own = freshPhone();
    const token = await throwAway(own);
    const id = await join(await listing(), token, { phone: own, preferredTime: "加V:xxx领补贴" });
    await accept(id);
    const [text] = await outbox(own);
    expect(text).toMatchObject({ kind: "accepted", status: "sent", bookingId: id });
    expect(text?.text).not.toContain("加V");
    expect(text?.text).not.toContain("xxx");
    expect(text?.text).toContain("便民利民");
  });
});

describe("a family number proven with a one-time code", () => {
  it("202 and a code texted; a wrong code 400 changes nothing; the right one proves it; its bookings are texted", async () => {
    const mum = freshPhone();
    const token = await throwAway();
    const asked = await api.request("POST", "/api/me/phones", { token, body: { phone: mum } });
    expect(asked.status, asked.text).toBe(202);
    expect(asked.body).toEqual({ phone: mum, expiresInSeconds: CODE_RULES.ttlSeconds });
    const code = await codeSentTo(mum);
    expect(code).toMatch(/^\d{6}$/);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    const bad = await api.request("POST", "/api/me/phones/verify", {
      token,
      body: { phone: mum, code: wrong },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("PHONE_CODE_INVALID");
    // Another account cannot use the code sent for this one
    const other = await api.request("POST", "/api/me/phones/verify", {
      token: await throwAway(),
      body: { phone: mum, code },
    });
    expect(other.status).toBe(400);
    const good = await api.request("POST", "/api/me/phones/verify", { token, body: { phone: mum, code } });
    expect(good.status, good.text).toBe(200);
    expect(good.body).toEqual({ phone: mum, verified: true });
    // Used once
    const again = await api.request("POST", "/api/me/phones/verify", { token, body: { phone: mum, code } });
    expect(again.status).toBe(400);
    const id = await join(await listing(), token, { phone: mum });
    await accept(id);
    const texts = (await outbox(mum)).map((t) => [t.kind, t.status]);
    expect(texts.sort()).toEqual([
      ["accepted", "sent"],
      ["code", "sent"],
    ]);
  });

  it("a code is void after 5 wrong tries, even the right one", async () => {
    const phone = freshPhone();
    const token = await throwAway();
    expect((await api.request("POST", "/api/me/phones", { token, body: { phone } })).status).toBe(202);
    const code = await codeSentTo(phone);
    const wrong = String((Number(code) + 7) % 1_000_000).padStart(6, "0");
    for (let i = 0; i < CODE_RULES.maxTries; i++)
      expect(
        (await api.request("POST", "/api/me/phones/verify", { token, body: { phone, code: wrong } })).status,
      ).toBe(400);
    const late = await api.request("POST", "/api/me/phones/verify", { token, body: { phone, code } });
    expect(late.status).toBe(400);
  });

  it("rate-limits codes per number and per account each day: 429 in the error format", async () => {
    const phone = freshPhone();
    for (let i = 0; i < CODE_RULES.perNumberPerDay; i++)
      expect(
        (await api.request("POST", "/api/me/phones", { token: await throwAway(), body: { phone } })).status,
      ).toBe(202);
    const tooMany = await api.request("POST", "/api/me/phones", {
      token: await throwAway(),
      body: { phone },
    });
    expect(tooMany.status).toBe(429);
    expect(tooMany.body.error.code).toBe("RATE_LIMITED");
    expect((await outbox(phone)).filter((t) => t.kind === "code")).toHaveLength(CODE_RULES.perNumberPerDay);

    const token = await throwAway();
    for (let i = 0; i < CODE_RULES.perAccountPerDay; i++)
      expect(
        (await api.request("POST", "/api/me/phones", { token, body: { phone: freshPhone() } })).status,
      ).toBe(202);
    const more = await api.request("POST", "/api/me/phones", { token, body: { phone: freshPhone() } });
    expect(more.status).toBe(429);
  });
});

describe("caps per number and per account per day", () => {
  it(`sends a number at most ${SMS_CAPS.perNumberPerDay} texts a day; the rest are capped, never sent`, async () => {
    const phone = freshPhone();
    const token = await throwAway(phone);
    for (let i = 0; i < SMS_CAPS.perNumberPerDay + 2; i++) {
      const id = await join(await listing(), token, { phone });
      await accept(id);
      // Then she cancels it herself (no text for that): one live booking at a time, so neither the
      // 5 live bookings per account nor the one live seat per phone comes first.
      await cancelOwn(id, token);
    }
    const texts = await outbox(phone);
    expect(texts.filter((t) => t.status === "sent")).toHaveLength(SMS_CAPS.perNumberPerDay);
    expect(texts.filter((t) => t.status === "capped")).toHaveLength(2);
  });
});

describe("caps per account", () => {
  it(`texts one account's bookings at most ${SMS_CAPS.perAccountPerDay} times a day, whatever numbers it proves`, async () => {
    const sub = `r-busy-${++accounts}`;
    const phones: string[] = [];
    for (let i = 0; i < SMS_CAPS.perAccountPerDay + 1; i++) {
      const phone = freshPhone();
      phones.push(phone);
      // The same account, its verified phone changed each time (as Cognito allows)
      const token = await api.login({ sub, role: "resident", name: "居民", phone, phoneVerified: true });
      const id = await join(await listing(), token, { phone });
      await transition(V, id, { action: "accept" }, lastTenInShanghai());
      // Ended by her own cancel (no text for that): at most 5 live bookings per account.
      await cancelOwn(id, token);
    }
    await api.settle();
    const statuses: string[] = [];
    for (const p of phones) statuses.push(...(await outbox(p)).map((t) => t.status));
    expect(statuses.filter((x) => x === "sent")).toHaveLength(SMS_CAPS.perAccountPerDay);
    expect(statuses.filter((x) => x === "capped")).toHaveLength(1);
  }, 60_000);
});

describe("opt-out by the receiving number", () => {
  it("a reply of T stops every text to that number, whoever booked", async () => {
    const phone = freshPhone();
    const reply = await api.request("POST", "/api/dev/sms-inbound", {
      body: { from: `+86${phone}`, body: " t " },
    });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toEqual({ optedOut: 1 });
    const id = await join(await listing(), await throwAway(phone), { phone });
    await accept(id);
    expect((await outbox(phone)).map((t) => [t.kind, t.status])).toEqual([["accepted", "off"]]);
    // And no code is made for it either (same answer as ever)
    const asked = await api.request("POST", "/api/me/phones", { token: await throwAway(), body: { phone } });
    expect(asked.status).toBe(202);
    expect((await outbox(phone)).filter((t) => t.kind === "code")).toEqual([]);
  });

  it("other replies opt nobody out", async () => {
    const phone = freshPhone();
    const reply = await api.request("POST", "/api/dev/sms-inbound", { body: { from: phone, body: "谢谢" } });
    expect(reply.body).toEqual({ optedOut: 0 });
    await accept(await join(await listing(), await throwAway(phone), { phone }));
    expect((await outbox(phone)).map((t) => t.status)).toEqual(["sent"]);
  });

  it("the opt-out page: the number's owner proves it with a code, then gets no more texts", async () => {
    const phone = freshPhone();
    const start = await api.request("POST", "/api/sms/opt-out", { body: { phone } });
    expect(start.status, start.text).toBe(202);
    const code = await codeSentTo(phone);
    const bad = await api.request("POST", "/api/sms/opt-out/verify", {
      body: { phone, code: "000000" === code ? "111111" : "000000" },
    });
    expect(bad.status).toBe(400);
    const done = await api.request("POST", "/api/sms/opt-out/verify", { body: { phone, code } });
    expect(done.status, done.text).toBe(200);
    expect(done.body).toEqual({ phone, optedOut: true });
    await accept(await join(await listing(), await throwAway(phone), { phone }));
    expect((await outbox(phone)).find((t) => t.kind === "accepted")?.status).toBe("off");
  });
});

describe("sign-up (the Cognito pre-sign-up trigger, against the table)", () => {
  const event = (phone: string) =>
    ({ request: { userAttributes: { phone_number: phone, name: "x" } }, response: {} }) as never;
  it("refuses numbers abroad, and a number tried too often in a day", async () => {
    await expect(preSignUp(event("+447700900123"))).rejects.toThrow("中国大陆");
    const phone = `+86${freshPhone()}`;
    for (let i = 0; i < SIGN_UP_LIMITS.perNumberPerDay; i++)
      await expect(preSignUp(event(phone))).resolves.toBeDefined();
    await expect(preSignUp(event(phone))).rejects.toThrow("次数太多");
  });
});

describe("the per-caller rate rule on joins", () => {
  it(`answers 429 past ${JOIN_RATE.limit} joins a window by one caller, in the error format; others still pass`, async () => {
    const l = await listing();
    const token = await throwAway();
    // Bodies the join refuses (400): nothing is written, only counted.
    const bad = () => api.request("POST", `/api/listings/${l}/bookings`, { token, body: { phone: "x" } });
    const answers = await Promise.all(Array.from({ length: JOIN_RATE.limit }, bad));
    expect(answers.map((a) => a.status)).toEqual(Array(JOIN_RATE.limit).fill(400));
    const over = await bad();
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe("RATE_LIMITED");
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
    const other = await api.request("POST", `/api/listings/${l}/bookings`, {
      token: await throwAway(),
      body: { phone: freshPhone() },
    });
    expect(other.status, other.text).toBe(201);
  });
});

describe("hostile input at the trust routes", () => {
  const observable = async () => ({ text: await outbox("13600009999") });
  for (const [path, handler, valid, auth] of [
    ["/api/me/phones", "me/phones", { phone: "13600009999" }, true],
    ["/api/me/phones/verify", "me/phones-verify", { phone: "13600009999", code: "123456" }, true],
    ["/api/sms/opt-out", "sms/opt-out", { phone: "13600009999" }, false],
    ["/api/sms/opt-out/verify", "sms/opt-out-verify", { phone: "13600009999", code: "123456" }, false],
  ] as const) {
    it(`POST ${path}: a clear 4xx, nothing written`, async () => {
      const token = auth ? await throwAway() : "";
      await fc.assert(
        fc.asyncProperty(hostileBody(valid), async (body) => {
          fc.pre(invalidFor(handler)(body));
          await expectRefusedUnchanged(api, observable, path, token, body);
        }),
        { numRuns: 25 },
      );
    });
  }
});
