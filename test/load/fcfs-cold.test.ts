/**
 * First come, first served from cold clients, as phones join: 6 waves of 100 joins,
 * 300 ms apart, on a 150-seat event, each join a plain request on a connection of its
 * own (opened for it, closed after), nothing warmed first (the join handler loads
 * during the first wave). Seats go wave by wave (100, 50, then none) and the
 * waitlist follows the waves: no pair out of arrival order.
 */
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startApi, type TestApi } from "../support/api.ts";
import { eventInput, resident, volunteer } from "../support/builders.ts";
import { orderViolations } from "../support/load.ts";

const WAVES = 6;
/** COLD_PER_WAVE=30 for a quick look on a busy machine (seats: one and a half waves). */
const PER_WAVE = Number(process.env.COLD_PER_WAVE ?? 100);
const GAP_MS = 300;
const CAPACITY = (PER_WAVE * 3) / 2;
const PHONE = "13912345678";

let api: TestApi;
const tokens: string[] = [];

beforeAll(async () => {
  api = await startApi();
  for (let i = 0; i < WAVES * PER_WAVE; i += 50) {
    const chunk = await Promise.all(
      Array.from({ length: Math.min(50, WAVES * PER_WAVE - i) }, (_, k) => api.login(resident(3000 + i + k))),
    );
    tokens.push(...chunk);
  }
}, 120_000);
afterAll(async () => {
  await api.close();
});

/** One join on a connection of its own (no agent: opened for this request, closed after). */
function coldJoin(listingId: string, token: string): Promise<{ status: number; body: any }> {
  const url = new URL(`/api/listings/${listingId}/bookings`, api.url);
  const payload = JSON.stringify({ phone: PHONE });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: "POST",
        agent: false,
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(payload),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => {
          text += d;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} }));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

it(`${WAVES} waves of ${PER_WAVE} cold joins ${GAP_MS} ms apart on ${CAPACITY} seats: served in arrival order`, {
  timeout: 240_000,
}, async () => {
  // Arrange: the event, made by its volunteer.
  const made = await api.request("POST", "/api/listings", {
    token: await api.login(volunteer(61)),
    body: eventInput({ capacity: CAPACITY }),
  });
  expect(made.status, made.text).toBe(201);
  const eventId = made.body.id as string;

  // Act: the waves, each sent GAP_MS after the last.
  const sent: Promise<{ wave: number; who: number; res: { status: number; body: any } }>[] = [];
  for (let w = 0; w < WAVES; w++) {
    for (let k = 0; k < PER_WAVE; k++) {
      const who = w * PER_WAVE + k;
      sent.push(coldJoin(eventId, tokens[who] as string).then((res) => ({ wave: w, who, res })));
    }
    if (w < WAVES - 1) await new Promise((r) => setTimeout(r, GAP_MS));
  }
  const answers = await Promise.all(sent);

  // Assess: the order first (of those answered 201: a failure says both what and how many).
  const refused = answers.filter((a) => a.res.status !== 201);
  const placed = answers
    .filter((a) => a.res.status === 201)
    .map((a) => ({
      wave: a.wave,
      who: a.who,
      id: a.res.body.id as string,
      status: a.res.body.status as string,
      place: a.res.body.status === "waitlisted" ? (a.res.body.waitlistPosition as number) : 0,
    }));
  const perWave = Array.from(
    { length: WAVES },
    (_, w) => placed.filter((p) => p.wave === w && p.status === "requested").length,
  );
  // The waitlist places, as each resident's booking says now.
  const waiting = await Promise.all(
    placed
      .filter((p) => p.status === "waitlisted")
      .map(async (p) => {
        const b = await api.request("GET", `/api/bookings/${p.id}`, {
          token: tokens[p.who] as string,
        });
        return { ...p, place: b.body.waitlistPosition as number };
      }),
  );
  const final = [...placed.filter((p) => p.status === "requested"), ...waiting];
  const unfair = orderViolations(
    final,
    (p) => p.wave,
    (p) => p.place,
  ).map(
    ([a, b]) =>
      `wave ${b.wave + 1} #${b.who} (place ${b.place}) ahead of wave ${a.wave + 1} #${a.who} (place ${a.place})`,
  );
  expect(
    unfair.slice(0, 10),
    `${unfair.length} pairs out of arrival order; seats per wave ${perWave}; ${refused.length} not 201`,
  ).toEqual([]);
  // Every join booked or waitlisted: exactly CAPACITY seats, the waitlist places 1..n each once.
  expect(refused.map((a) => `${a.res.status} ${JSON.stringify(a.res.body)}`)).toEqual([]);
  expect(perWave.reduce((a, b) => a + b, 0)).toBe(CAPACITY);
  expect(waiting.map((p) => p.place).sort((a, b) => a - b)).toEqual(
    Array.from({ length: WAVES * PER_WAVE - CAPACITY }, (_, i) => i + 1),
  );
  expect(perWave).toEqual([PER_WAVE, PER_WAVE / 2, 0, 0, 0, 0]);
});
