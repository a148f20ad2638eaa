import { describe, expect, it } from "vitest";
import { authorize, userFromClaims } from "./auth.ts";

describe("userFromClaims", () => {
  it("reads API Gateway's flattened claims", () => {
    const user = userFromClaims({
      sub: "v-01",
      name: "王师傅",
      "cognito:groups": "[volunteers]",
      "custom:community": "长乐社区",
      "custom:branch": "第一党支部",
    });
    expect(user).toEqual({
      id: "v-01",
      name: "王师傅",
      role: "volunteer",
      community: "长乐社区",
      branch: "第一党支部",
    });
  });

  it("takes the strongest role of several groups and refuses unknown ones", () => {
    expect(userFromClaims({ sub: "a", "cognito:groups": "[residents admins]" })?.role).toBe("admin");
    expect(userFromClaims({ sub: "a", "cognito:groups": ["residents"] })?.role).toBe("resident");
    expect(userFromClaims({ sub: "a", "cognito:groups": "[hackers]" })).toBeNull();
    expect(userFromClaims({ "cognito:groups": "[admins]" })).toBeNull();
    expect(userFromClaims(undefined)).toBeNull();
  });
});

describe("authorize", () => {
  const resident = { id: "r", name: "r", role: "resident" as const };
  it("lets the public in anonymously and requires the role elsewhere", () => {
    expect(authorize("public", null)).toBeNull();
    expect(() => authorize("user", null)).toThrow(expect.objectContaining({ status: 401 }));
    expect(() => authorize("volunteer", resident)).toThrow(expect.objectContaining({ status: 403 }));
    expect(authorize("owner", resident)).toBe(resident);
    expect(authorize("resident", resident)).toBe(resident);
  });
});
