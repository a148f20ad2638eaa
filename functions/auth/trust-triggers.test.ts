import { describe, expect, it } from "vitest";
import { refusal } from "./pre-sign-up.ts";
import { groupsAllowed } from "./pre-token.ts";

describe("pre-sign-up: mainland mobiles only", () => {
  it("lets +86 1[3-9] mobiles and email-only sign-ups through, refuses every other number", () => {
    expect(refusal({ phone_number: "+8613812345678" })).toBeNull();
    expect(refusal({ email: "a@b.cn" })).toBeNull();
    for (const phone of [
      "+441234567890",
      "+8612812345678",
      "+85291234567",
      "+886912345678",
      "13812345678",
      "+86138123456789",
    ])
      expect(refusal({ phone_number: phone }), phone).not.toBeNull();
  });
});

describe("pre-token: MFA for admins and community workers", () => {
  it("keeps every group with TOTP on, and drops admins and staff without it", () => {
    expect(groupsAllowed(["admins"], ["SOFTWARE_TOKEN_MFA"])).toEqual(["admins"]);
    expect(groupsAllowed(["admins", "volunteers"], [])).toEqual(["volunteers"]);
    expect(groupsAllowed(["staff"], ["SMS_MFA"])).toEqual([]);
    expect(groupsAllowed(["residents"], [])).toEqual(["residents"]);
  });
});
