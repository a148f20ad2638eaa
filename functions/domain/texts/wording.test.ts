import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { whenWords } from "../../../shared/clock.ts";
import { TEXT_KINDS } from "../../../shared/texts.ts";
import { SEGMENT, sendAtFor, textFor } from "./wording.ts";

/** The longest titles the demo district and real 网淘 listings carry, and the longest allowed (60). */
const LONG_TITLES = [
  "社区老年人智能手机使用教学（第二期）",
  "独居老人结对帮扶上门陪伴及代购生活用品",
  "义".repeat(60),
];
const FACTS = {
  residentName: "王秀英",
  volunteerName: "张建国",
  startsAt: "2026-12-30T04:30:00Z", // 12月30日周三下午12:30: the longest time
  byWorker: false,
};

describe("text wording", () => {
  it("fits every kind in one SMS segment with the longest realistic titles, names the service and the time", () => {
    for (const kind of TEXT_KINDS.filter((k) => !k.startsWith("need")))
      for (const title of LONG_TITLES)
        for (const byWorker of [false, true]) {
          const text = textFor(kind, { ...FACTS, title, byWorker });
          expect(text.length, `${kind}: ${text}`).toBeLessThanOrEqual(SEGMENT);
          expect(text).toContain(title.slice(0, 5));
          expect(text).toContain("12月30日");
        }
  });

  it("needs (群众点单): claimed and expired texts fit one segment, name the category, give the 居委会 phone", () => {
    const facts = { ...FACTS, title: "便民利民", committeePhone: "0571-88886666" };
    const claimed = textFor("needClaimed", facts);
    expect(claimed.length).toBeLessThanOrEqual(SEGMENT);
    expect(claimed).toContain("便民利民");
    expect(claimed).toContain("张建国");
    const expired = textFor("needExpired", facts);
    expect(expired.length).toBeLessThanOrEqual(SEGMENT);
    expect(expired).toContain("0571-88886666");
    expect(textFor("needExpired", { ...facts, committeePhone: undefined })).toContain("居委会");
  });

  it("says how to cancel while there is something to cancel: 我的预约, or the 居委会 for a worker's booking", () => {
    for (const kind of ["accepted", "promoted", "reminder"] as const) {
      expect(textFor(kind, { ...FACTS, title: LONG_TITLES[0] as string })).toContain("我的预约");
      expect(textFor(kind, { ...FACTS, title: LONG_TITLES[0] as string, byWorker: true })).toContain(
        "居委会",
      );
    }
  });

  it("fits one segment whatever the title, names and preferred time", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TEXT_KINDS),
        fc.string({ minLength: 2, maxLength: 60 }),
        fc.string({ maxLength: 30 }),
        fc.string({ maxLength: 30 }),
        fc.option(fc.string({ maxLength: 60 }), { nil: undefined }),
        fc.boolean(),
        (kind, title, residentName, volunteerName, preferredTime, byWorker) => {
          const text = textFor(kind, { title, residentName, volunteerName, preferredTime, byWorker });
          expect(text.length).toBeLessThanOrEqual(SEGMENT);
        },
      ),
    );
  });

  it("writes times in Asia/Shanghai", () => {
    expect(whenWords("2026-12-06T01:00:00Z")).toBe("12月6日周日上午9:00");
    expect(whenWords("2026-12-06T11:30:00Z")).toBe("12月6日周日晚上7:30");
  });

  it("holds texts made between 21:00 and 08:00 Asia/Shanghai until 08:00", () => {
    const at = (iso: string) => sendAtFor(new Date(iso));
    expect(at("2026-12-06T02:00:00Z")).toEqual({ held: false, sendAt: new Date("2026-12-06T02:00:00Z") });
    // 21:30 Shanghai → 08:00 next day
    expect(at("2026-12-06T13:30:00Z")).toEqual({ held: true, sendAt: new Date("2026-12-07T00:00:00Z") });
    // 06:00 Shanghai → 08:00 the same day
    expect(at("2026-12-06T22:00:00Z")).toEqual({ held: true, sendAt: new Date("2026-12-07T00:00:00Z") });
    // 07:59 held, 08:00 not
    expect(at("2026-12-06T23:59:00Z").held).toBe(true);
    expect(at("2026-12-07T00:00:00Z").held).toBe(false);
    expect(at("2026-12-07T12:59:00Z").held).toBe(false);
    expect(at("2026-12-07T13:00:00Z").held).toBe(true);
  });
});
