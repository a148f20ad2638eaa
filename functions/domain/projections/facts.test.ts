/**
 * Reconcile is only as good as its replay: for any life a booking can lead, the
 * figures its changes project one by one (as the stream delivers them) must equal
 * the figures `bookingHistory` replays from its final state alone.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_CODE_FAILURES } from "../booking-rules.ts";
import type { BookingItem } from "../bookings/item.ts";
import { type Change, effectsOf } from "./facts.ts";
import { bookingHistory } from "./history.ts";
import { plan } from "./plan.ts";

const T0 = Date.UTC(2026, 2, 1, 1);
const HOUR = 3_600_000;

type Step =
  | "promote"
  | "accept"
  | "decline"
  | "cancel"
  | "withdraw"
  | "expire"
  | "complete"
  | "confirm"
  | "noShow"
  | "lock";

const NEXT: Record<string, Step[]> = {
  waitlisted: ["promote", "decline", "cancel", "withdraw"],
  requested: ["accept", "decline", "cancel", "withdraw", "expire"],
  accepted: ["complete", "confirm", "cancel", "withdraw", "noShow", "lock"],
};

function start(joinedAs: "requested" | "waitlisted"): BookingItem {
  const at = new Date(T0).toISOString();
  return {
    id: "b1",
    listingId: "l1",
    listingTitle: "义务理发",
    category: "convenience",
    community: "大关西苑社区",
    branch: "大关街道第一党支部",
    kind: "event",
    residentId: "r1",
    residentName: "王奶奶",
    volunteerId: "v1",
    volunteerName: "李建国",
    status: joinedAs,
    joinedAs,
    note: "",
    phone: "13800001111",
    address: "",
    preferredTime: "",
    completionCode: "123456",
    phoneProven: true,
    codeFailures: 0,
    createdAt: at,
    openedAt: at,
    updatedAt: at,
  };
}

/** One move, `hours` after the last; undefined when the booking's state does not allow it. */
function move(b: BookingItem, step: Step, t: number, hours: number): BookingItem | undefined {
  if (!NEXT[b.status]?.includes(step)) return undefined;
  const at = new Date(t).toISOString();
  const next = { ...b, updatedAt: at };
  switch (step) {
    case "promote":
      return { ...next, status: "requested", promotedAt: at, openedAt: at };
    case "accept":
      return { ...next, status: "accepted", acceptedAt: at };
    case "decline":
      return { ...next, status: "declined", declinedAt: at, declineReason: "时间冲突" };
    case "cancel":
      return { ...next, status: "cancelled", cancelledAt: at, cancelledBy: "resident" };
    case "withdraw":
      return {
        ...next,
        status: "cancelled",
        cancelledAt: at,
        cancelledBy: "volunteer",
        cancelReason: "下雨",
      };
    case "expire":
      return { ...next, status: "expired", expiredAt: at };
    case "complete":
      return { ...next, status: "completed", completedAt: at, completedBy: "volunteer", hours };
    case "confirm":
      return { ...next, status: "completed", completedAt: at, completedBy: "resident", hours };
    case "noShow":
      return { ...next, status: "no_show", noShowAt: at };
    case "lock":
      return b.codeFailures >= MAX_CODE_FAILURES
        ? undefined
        : { ...next, codeFailures: MAX_CODE_FAILURES, codeFailedAt: at };
  }
}

const figures = (changes: Change[]) => {
  const p = plan(changes.flatMap(effectsOf));
  return {
    counters: Object.fromEntries([...p.counters].map(([k, c]) => [k, c.add])),
    ranks: Object.fromEntries([...p.ranks].map(([k, r]) => [k, r.add])),
    listings: Object.fromEntries(p.listings),
  };
};

const image = (b: BookingItem) => ({ ...b, type: "booking" });

describe("bookingHistory", () => {
  it("replays any booking's life to the same figures its changes projected", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("requested" as const, "waitlisted" as const),
        fc.array(
          fc.record({
            step: fc.constantFrom<Step>(
              "promote",
              "accept",
              "decline",
              "cancel",
              "withdraw",
              "expire",
              "complete",
              "confirm",
              "noShow",
              "lock",
            ),
            gapHours: fc.integer({ min: 1, max: 24 * 40 }),
            hours: fc.integer({ min: 1, max: 16 }).map((h) => h / 2),
          }),
          { maxLength: 8 },
        ),
        (joinedAs, steps) => {
          let b = start(joinedAs);
          let t = T0;
          const live: Change[] = [{ id: "e0", new: image(b) }];
          for (const s of steps) {
            t += s.gapHours * HOUR;
            const next = move(b, s.step, t, s.hours);
            if (!next) continue;
            live.push({ id: `e${live.length}`, old: image(b), new: image(next) });
            b = next;
          }
          expect(figures(bookingHistory(b))).toEqual(figures(live));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("tells each change once: a notice per side, the audit for accept and complete", () => {
    const b0 = start("requested");
    const b1 = move(b0, "accept", T0 + HOUR, 1) as BookingItem;
    const b2 = move(b1, "complete", T0 + 3 * HOUR, 2) as BookingItem;
    const effects = [
      { id: "e0", new: image(b0) },
      { id: "e1", old: image(b0), new: image(b1) },
      { id: "e2", old: image(b1), new: image(b2) },
    ].flatMap(effectsOf);
    const puts = effects.flatMap((e) => (e.kind === "put" ? [e.item] : []));
    expect(puts.map((p) => [p.type, p.noticeType ?? p.via ?? p.kind])).toEqual([
      ["notification", "requested"],
      ["notification", "accepted"],
      ["contactRead", "accept"],
      // The resident's text (SMS): one per booking and kind, its id from both (texts/item.ts).
      ["text", "accepted"],
      ["notification", "completed"],
      ["contactRead", "complete"],
    ]);
    // Replaying the same change gives the same ids: a replay rewrites, never adds.
    expect(effectsOf({ id: "e2", old: image(b1), new: image(b2) })).toEqual(
      effectsOf({ id: "e2", old: image(b1), new: image(b2) }),
    );
  });
});
