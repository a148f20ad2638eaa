/**
 * A believable past for the demo district: a few hundred bookings over the last
 * ~60 days across every outcome, with reviews, some replies, hours served and a
 * couple of full events with waitlists. Made through the same domain functions
 * the API calls, each step at an explicit past date, so every counter, ranking,
 * notification and stats item is exactly what real use would have left.
 * Seeded: the same history on every machine (relative to the load time).
 */
import { joinListing } from "../../functions/domain/bookings/join.ts";
import { transition } from "../../functions/domain/bookings/transition.ts";
import { DomainError } from "../../functions/domain/errors.ts";
import { createReview, replyToReview } from "../../functions/domain/reviews.ts";
import { countStartedSessions } from "../../functions/domain/sessions/fill.ts";
import { sessionItems } from "../../functions/domain/sessions/read.ts";
import { maxHours, servedFrom } from "../../shared/served.ts";
import { asUser, type DemoListing, type DemoPerson, demoDistrict, prng } from "./demo-district.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const COMMENTS = [
  "师傅很耐心，讲得清清楚楚，谢谢！",
  "准时上门，活干得很细致。",
  "老人家很满意，下次还找您。",
  "服务热情周到，给党员志愿者点赞！",
  "解决了我们家的大难题，太感谢了。",
  "态度很好，就是来得稍微晚了一点。",
  "",
  "非常专业，还教了我们不少小窍门。",
  "",
  "社区有这样的服务真好。",
];
const LOW_COMMENTS = ["等了很久才来，希望改进。", "和描述的不太一样。"];
const REPLIES = ["谢谢您的认可，有需要随时找我！", "不客气，应该的！", "感谢反馈，下次一定改进。"];
const REASONS = ["这周临时有任务，实在抱歉", "您的地址超出了服务范围", "该时段已排满，请改约其他时间"];
const NOTES = ["家里老人行动不便，麻烦上门", "周末上午都在家", "", "想多了解一下", "", "谢谢志愿者！"];
const TIMES = ["周六上午", "工作日下午", "晚上七点后", "", "随时都可以"];

type Plan = {
  listing: DemoListing;
  resident: DemoPerson;
  joinAt: Date;
  outcome: "completed" | "confirmed" | "declined" | "cancelled" | "expired" | "accepted" | "requested";
};

/** Load the history; returns how many bookings it made. */
export async function loadDemoHistory(now = new Date(), count = 220): Promise<{ bookings: number }> {
  const d = demoDistrict();
  const rnd = prng(20240601);
  const live = d.listings.filter((l) => l.status === "published" && !l.schedule);
  const plans: Plan[] = [];
  for (let i = 0; i < count; i++) {
    const listing = rnd.pick(live);
    const created = now.getTime() - listing.daysAgo * DAY;
    const earliest = Math.max(created + HOUR, now.getTime() - 58 * DAY);
    const joinAt = new Date(earliest + rnd.next() * (now.getTime() - 2 * HOUR - earliest));
    const age = now.getTime() - joinAt.getTime();
    const x = rnd.next();
    let outcome: Plan["outcome"];
    if (age < 36 * HOUR) outcome = x < 0.55 ? "requested" : x < 0.9 ? "accepted" : "cancelled";
    else if (age < 4 * DAY) outcome = x < 0.6 ? "accepted" : x < 0.85 ? "completed" : "declined";
    else
      outcome =
        x < 0.58
          ? "completed"
          : x < 0.7
            ? "confirmed"
            : x < 0.8
              ? "cancelled"
              : x < 0.9
                ? "declined"
                : "expired";
    plans.push({ listing, resident: rnd.pick(d.residents), joinAt, outcome });
  }
  // Two small events fill up in the last days: seats taken and a waitlist behind them.
  const events = live.filter((l) => l.kind === "event" && l.capacity <= 16).slice(0, 2);
  for (const e of events) {
    for (let i = 0; i < Math.min(d.residents.length, e.capacity + 4); i++) {
      const resident = d.residents[i] as DemoPerson;
      plans.push({
        listing: e,
        resident,
        joinAt: new Date(now.getTime() - 30 * HOUR + i * 7 * 60_000),
        outcome: i % 3 === 0 ? "accepted" : "requested",
      });
    }
  }
  // Per listing, in time order: each booking's story runs before the next one starts.
  const byListing = new Map<string, Plan[]>();
  for (const p of plans.sort((a, b) => a.joinAt.getTime() - b.joinAt.getTime())) {
    byListing.set(p.listing.id, [...(byListing.get(p.listing.id) ?? []), p]);
  }
  const queues = [...byListing.values()];
  let made = 0;
  const worker = async () => {
    for (let q = queues.shift(); q; q = queues.shift()) {
      for (const p of q) if (await play(p, rnd, now)) made++;
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  for (const l of d.listings)
    if (l.schedule && l.status === "published") made += await sessionHistory(l, rnd, now);
  return { bookings: made };
}

/**
 * A recurring service's past and next sessions: residents book in the days before
 * each, the volunteer accepts, and completes each one with the 核销码 at the session;
 * a few cancel. Past sessions are then counted for the dashboard's fill rate.
 */
async function sessionHistory(l: DemoListing, rnd: ReturnType<typeof prng>, now: Date): Promise<number> {
  const d = demoDistrict();
  const volunteer = asUser(l.volunteer);
  const sessions = await sessionItems(l.id, "2000-01-01", "2100-01-01");
  const past = sessions.filter((s) => Date.parse(s.startsAt) < now.getTime()).slice(-4);
  const next = sessions.find((s) => Date.parse(s.startsAt) > now.getTime());
  let made = 0;
  for (const s of [...past, ...(next ? [next] : [])]) {
    const start = Date.parse(s.startsAt);
    const isPast = start < now.getTime();
    const want = Math.min(
      d.residents.length,
      Math.round(s.capacity * (isPast ? 0.5 + 0.3 * rnd.next() : 0.3)),
    );
    const offset = rnd.int(d.residents.length);
    const joins = Array.from({ length: want }, (_, i) => ({
      resident: d.residents[(offset + i) % d.residents.length] as DemoPerson,
      at: start - (0.3 + rnd.next() * 5.5) * DAY,
    }))
      .filter((j) => j.at < now.getTime() - HOUR)
      .sort((a, b) => a.at - b.at);
    for (const j of joins) {
      try {
        const b = await joinListing(
          asUser(j.resident),
          l.id,
          { phone: j.resident.phone ?? "13800000000", sessionId: s.id, note: rnd.pick(NOTES) },
          undefined,
          new Date(j.at),
        );
        made++;
        const acceptAt = Math.min(
          j.at + (0.2 + rnd.next() * 6) * HOUR,
          start - HOUR,
          now.getTime() - 5 * 60_000,
        );
        if (acceptAt <= j.at) continue;
        if (rnd.next() < 0.08) {
          await transition(asUser(j.resident), b.id, { action: "cancel" }, new Date(acceptAt));
          continue;
        }
        await transition(volunteer, b.id, { action: "accept" }, new Date(acceptAt));
        if (!isPast) continue;
        const doneAt = new Date(Math.min(start + (0.2 + rnd.next() * 1.6) * HOUR, now.getTime() - 60_000));
        const hours = 0.5 * (1 + rnd.int(2));
        await transition(
          volunteer,
          b.id,
          { action: "complete", hours, code: b.completionCode ?? "" },
          doneAt,
        );
      } catch (err) {
        if (!(err instanceof DomainError && err.status === 409)) throw err;
      }
    }
    if (isPast) await countStartedSessions([l.community], new Date(start + 3 * HOUR));
  }
  return made;
}

/** One booking's story. Refusals the rules make (already joined, full) just skip it. */
async function play(p: Plan, rnd: ReturnType<typeof prng>, now: Date): Promise<boolean> {
  const resident = asUser(p.resident);
  const volunteer = asUser(p.listing.volunteer);
  const at = (base: Date, minH: number, maxH: number) => {
    const t = base.getTime() + (minH + rnd.next() * (maxH - minH)) * HOUR;
    return new Date(Math.min(t, now.getTime() - 5 * 60_000));
  };
  try {
    const b = await joinListing(
      resident,
      p.listing.id,
      {
        phone: p.resident.phone ?? "13800000000",
        address: `${p.resident.community ?? ""}${1 + rnd.int(30)}幢${1 + rnd.int(4)}单元${101 + rnd.int(6) * 100}室`,
        preferredTime: rnd.pick(TIMES),
        note: rnd.pick(NOTES),
      },
      undefined,
      p.joinAt,
    );
    if (b.status === "waitlisted" || p.outcome === "requested") return true;
    if (p.outcome === "expired") {
      await transition("system", b.id, { action: "expire" }, at(p.joinAt, 48.5, 50));
      return true;
    }
    if (p.outcome === "declined") {
      await transition(
        volunteer,
        b.id,
        { action: "decline", reason: rnd.pick(REASONS) },
        at(p.joinAt, 1, 30),
      );
      return true;
    }
    if (p.outcome === "cancelled" && rnd.next() < 0.5) {
      await transition(resident, b.id, { action: "cancel" }, at(p.joinAt, 0.5, 20));
      return true;
    }
    const acceptedAt = at(p.joinAt, 0.2, 30);
    await transition(volunteer, b.id, { action: "accept" }, acceptedAt);
    if (p.outcome === "accepted") return true;
    if (p.outcome === "cancelled") {
      await transition(resident, b.id, { action: "cancel" }, at(acceptedAt, 1, 24));
      return true;
    }
    const doneAt = at(acceptedAt, 4, 72);
    // Served only from its time (issue 20.2): an upcoming event's booking stays accepted.
    if (doneAt.getTime() < servedFrom(b)) return true;
    const hours = Math.min(0.5 * (1 + rnd.int(8)), maxHours(b));
    const code = b.completionCode ?? "";
    const done =
      p.outcome === "confirmed"
        ? await transition(resident, b.id, { action: "confirm", hours }, doneAt)
        : await transition(volunteer, b.id, { action: "complete", hours, code }, doneAt);
    if (rnd.next() < 0.72) {
      const stars = rnd.next() < 0.08 ? 2 + rnd.int(2) : 4 + Number(rnd.next() < 0.7);
      const comment = stars < 4 ? rnd.pick(LOW_COMMENTS) : rnd.pick(COMMENTS);
      const reviewedAt = at(doneAt, 1, 48);
      const review = await createReview(
        resident,
        done.id,
        { stars, ...(comment ? { comment } : {}) },
        reviewedAt,
      );
      if (rnd.next() < 0.4)
        await replyToReview(volunteer, review.id, rnd.pick(REPLIES), at(reviewedAt, 1, 30));
    }
    return true;
  } catch (err) {
    if (err instanceof DomainError && err.status === 409) return false;
    throw err;
  }
}
