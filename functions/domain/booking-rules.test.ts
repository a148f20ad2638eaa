import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BookingStatus } from "../../shared/schemas.ts";
import {
  type Action,
  canTransition,
  completionCode,
  counterChange,
  holdsSeat,
  maskAddress,
  maskPhone,
  noticeText,
  TRANSITIONS,
} from "./booking-rules.ts";

describe("booking rules", () => {
  it("masks phones as ****1234 (the last 4 digits at most) and addresses after their first few characters", () => {
    expect(maskPhone("13812341234")).toBe("****1234");
    expect(maskPhone("057188881234")).toBe("****1234");
    expect(maskAddress("大关西苑 3 幢 2 单元 501")).toBe("大关西苑 3****");
    expect(maskAddress("")).toBe("");
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (p) => {
        const m = maskPhone(p);
        expect(m).toBe(`****${p.slice(-4)}`);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 120 }), (a) => {
        const m = maskAddress(a);
        if (a) expect(m.endsWith("****")).toBe(true);
        expect([...m].length).toBeLessThanOrEqual(Math.max(0, Math.floor([...a].length / 2)) + 4);
      }),
    );
  });

  it("draws 6-digit completion codes", () => {
    const codes = Array.from({ length: 200 }, completionCode);
    expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(190);
  });

  it("holds event seats through completion and on-demand slots only while open", () => {
    expect(holdsSeat("event", "completed")).toBe(true);
    expect(holdsSeat("on_demand", "completed")).toBe(false);
    expect(holdsSeat("event", "waitlisted")).toBe(false);
    expect(counterChange("event", "waitlisted", "requested")).toEqual({ seats: 1, waitlist: -1 });
    expect(counterChange("on_demand", "accepted", "completed")).toEqual({ seats: -1, waitlist: 0 });
    expect(counterChange("event", "accepted", "cancelled")).toEqual({ seats: -1, waitlist: 0 });
  });

  it("keeps every transition's counters within one seat and one waitlist place", () => {
    for (const [action, t] of Object.entries(TRANSITIONS)) {
      for (const from of BookingStatus.options) {
        if (!canTransition(from, action as Action)) continue;
        for (const kind of ["event", "on_demand"] as const) {
          const c = counterChange(kind, from, t.to);
          expect(Math.abs(c.seats)).toBeLessThanOrEqual(1);
          expect(Math.abs(c.waitlist)).toBeLessThanOrEqual(1);
        }
      }
    }
    // Terminal states lead nowhere.
    for (const s of ["completed", "declined", "cancelled", "expired"] as const)
      for (const a of Object.keys(TRANSITIONS) as Action[]) expect(canTransition(s, a)).toBe(false);
  });

  it("writes friendly Chinese for each side", () => {
    const f = { title: "义务理发", residentName: "李阿姨", volunteerName: "王师傅" };
    expect(noticeText("accepted", "resident", f)).toBe("王师傅接受了您的预约「义务理发」");
    expect(noticeText("expired", "resident", f)).toContain("48 小时");
    expect(noticeText("expired", "volunteer", f)).toContain("李阿姨");
    expect(noticeText("declined", "resident", { ...f, reason: "这周出差" })).toContain("这周出差");
  });
});
