import { describe, expect, it } from "vitest";
import { isLateCancel } from "../projections/late-cancels.ts";
import { ERASED_NAME, withoutNames } from "./anonymise.ts";

describe("anonymise", () => {
  it("replaces every occurrence of each name, and leaves other text alone", () => {
    expect(withoutNames("张桂芬报名了您的服务「理发」，张桂芬在家", ["张桂芬"])).toBe(
      `${ERASED_NAME}报名了您的服务「理发」，${ERASED_NAME}在家`,
    );
    expect(withoutNames("志愿者接受了您的预约", ["", ERASED_NAME])).toBe("志愿者接受了您的预约");
  });
});

describe("late cancellations", () => {
  const startsAt = "2026-12-05T01:00:00.000Z";
  it("counts a cancellation within 2 h of the start, or after it; not an earlier one, nor an untimed booking", () => {
    expect(isLateCancel({ startsAt }, "2026-12-04T23:30:00.000Z")).toBe(true);
    expect(isLateCancel({ startsAt }, "2026-12-05T02:00:00.000Z")).toBe(true);
    expect(isLateCancel({ startsAt }, "2026-12-04T22:59:00.000Z")).toBe(false);
    expect(isLateCancel({}, "2026-12-04T23:30:00.000Z")).toBe(false);
  });
});
