import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CATEGORY_SLUGS, categoryName } from "../../../shared/categories.ts";
import { whenWords } from "../../../shared/clock.ts";
import { BOOKING_TEXT_KINDS } from "../../../shared/texts.ts";
import { BookingItem } from "../bookings/item.ts";
import { codeTextItem, needTextItem, textItem } from "./item.ts";
import { codeText, SEGMENT, sendAtFor, textFor } from "./wording.ts";

const AT = "2026-12-02T04:00:00Z";
const BLANK = {
  listingTitle: "",
  residentName: "",
  volunteerName: "",
  preferredTime: "",
  note: "",
  address: "",
};
/** A stored booking with a proven phone (only then is it texted). */
const BASE = {
  id: "b1",
  listingId: "l1",
  community: "大关西苑社区",
  kind: "on_demand",
  residentId: "r1",
  volunteerId: "v1",
  status: "accepted",
  phone: "13800001111",
  phoneProven: true,
  completionCode: "123456",
  createdAt: AT,
  openedAt: AT,
  updatedAt: AT,
};

const FACTS = {
  category: "convenience",
  startsAt: "2026-12-30T04:30:00Z", // 12月30日周三下午12:30: the longest time
  byWorker: false,
};

/** Everything a user can type or choose: names, titles, preferred times, notes, addresses. */
const userText = fc.oneof(
  fc.string({ minLength: 1, maxLength: 60 }),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 60 }),
  fc.constantFrom("加V:xxx领补贴", "点击 http://t.cn/xx 领取", "王秀英", "张建国", "明天上午九点", "退订回T"),
);

/** The booking's fields a user sets, as a text could see them. */
const userFields = fc.record({
  listingTitle: userText,
  residentName: userText,
  volunteerName: userText,
  preferredTime: userText,
  note: userText,
  address: userText,
});

describe("text wording", () => {
  it("fits every kind in one SMS segment, names the kind of service and the time, and how to stop texts", () => {
    for (const kind of BOOKING_TEXT_KINDS.filter((k) => !k.startsWith("need")))
      for (const category of CATEGORY_SLUGS)
        for (const byWorker of [false, true]) {
          const text = textFor(kind, { ...FACTS, category, byWorker });
          expect(text.length, `${kind}: ${text}`).toBeLessThanOrEqual(SEGMENT);
          expect(text).toContain(categoryName(category));
          expect(text).toContain("12月30日");
          expect(text.startsWith("【网淘】")).toBe(true);
          expect(text).toContain("回T退订");
        }
    for (const purpose of ["prove", "optout"] as const)
      expect(codeText("123456", purpose).length).toBeLessThanOrEqual(SEGMENT);
  });

  it("tells a need's resident in one segment, by the category, with the 居委会 phone when it expires", () => {
    for (const category of CATEGORY_SLUGS) {
      const claimed = textFor("needClaimed", { category, byWorker: false });
      const expired = textFor("needExpired", { category, byWorker: false, committeePhone: "0571-88886666" });
      for (const text of [claimed, expired]) {
        expect(text.length, text).toBeLessThanOrEqual(SEGMENT);
        expect(text).toContain(categoryName(category));
        expect(text).toContain("回T退订");
      }
      expect(expired).toContain("0571-88886666");
    }
  });

  it("says how to cancel while there is something to cancel: 我的预约, or the 居委会 for a worker's booking", () => {
    for (const kind of ["accepted", "promoted", "reminder"] as const) {
      expect(textFor(kind, FACTS)).toContain("我的预约");
      expect(textFor(kind, { ...FACTS, byWorker: true })).toContain("居委会");
    }
  });

  it("carries no user-supplied characters: every text of every kind is the same whatever users typed", () => {
    // Made as the projector and the reminder job make them (texts/item.ts), from a whole
    // booking whose user-set fields are anything at all.
    const booking = (u: Record<string, string>, category: string, startsAt?: string, byWorker = false) =>
      BookingItem.parse({
        ...BASE,
        ...u,
        category,
        ...(startsAt ? { startsAt } : {}),
        ...(byWorker ? { bookedBy: { id: "s1", name: u.residentName, role: "staff", community: "c" } } : {}),
      });
    fc.assert(
      fc.property(
        fc.constantFrom(...BOOKING_TEXT_KINDS),
        fc.constantFrom(...CATEGORY_SLUGS),
        fc.option(
          fc.date({ min: new Date("2026-01-01"), max: new Date("2030-12-31"), noInvalidDate: true }),
          {
            nil: undefined,
          },
        ),
        fc.boolean(),
        userFields,
        (kind, category, start, byWorker, typed) => {
          const startsAt = start?.toISOString();
          const text = (u: Record<string, string>) =>
            String(textItem(booking(u, category, startsAt, byWorker), kind, AT)?.text);
          const ours = text(BLANK);
          const theirs = text(typed);
          expect(theirs).toBe(ours);
          // No run of 3+ characters the user typed is in it, unless our own fixed wording has it too.
          for (const value of Object.values(typed)) {
            const chars = [...value];
            for (let i = 0; i + 3 <= chars.length; i++) {
              const run = chars.slice(i, i + 3).join("");
              if (theirs.includes(run)) expect(ours).toContain(run);
            }
          }
          expect(theirs.length).toBeLessThanOrEqual(SEGMENT);
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

describe("the outbox item", () => {
  it("every text, of a booking, a need or a code, is held in quiet hours but a code, and kept 30 days (its TTL)", () => {
    const night = "2026-12-06T14:00:00Z"; // 22:00 Shanghai
    const thirtyDays = Math.floor(Date.parse(night) / 1000) + 30 * 86_400;
    const booking = textItem(BookingItem.parse({ ...BASE, ...BLANK, category: "health" }), "accepted", night);
    const need = needTextItem(
      {
        id: "n1",
        phone: "13800001111",
        residentId: "r1",
        residentName: "",
        category: "health",
        phoneProven: true,
      },
      "needClaimed",
      night,
      {},
    );
    const code = codeTextItem("13800001111", "123456", "prove", "r1", night);
    for (const item of [booking, need]) {
      expect(item).toMatchObject({
        type: "text",
        status: "held",
        sendAt: "2026-12-07T00:00:00.000Z",
        ttl: thirtyDays,
      });
    }
    expect(code).toMatchObject({
      type: "text",
      kind: "code",
      status: "queued",
      sendAt: night,
      ttl: thirtyDays,
    });
  });
});
