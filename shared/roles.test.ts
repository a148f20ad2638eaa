import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ROLE_GROUP, ROLES, roleOfGroups } from "./roles.ts";

describe("roleOfGroups", () => {
  it("gives each role for its own group, in every shape the claim arrives in", () => {
    for (const role of ROLES) {
      const g = ROLE_GROUP[role];
      expect(roleOfGroups([g])).toBe(role);
      expect(roleOfGroups(`[${g}]`)).toBe(role);
      expect(roleOfGroups(g)).toBe(role);
    }
  });

  it("takes the highest of several groups", () => {
    expect(roleOfGroups("[residents admins]")).toBe("admin");
    expect(roleOfGroups("residents,volunteers")).toBe("volunteer");
    expect(roleOfGroups(["residents", "staff"])).toBe("staff");
  });

  it("gives no role for unknown groups or no claim, never a guessed resident", () => {
    fc.assert(
      fc.property(fc.anything(), (claim) => {
        const known = Object.values(ROLE_GROUP);
        const names = Array.isArray(claim)
          ? claim.map(String)
          : typeof claim === "string"
            ? claim.split(/[\s,[\]]+/)
            : [];
        if (!names.some((n) => known.includes(n))) expect(roleOfGroups(claim)).toBeNull();
      }),
    );
    expect(roleOfGroups("[hackers]")).toBeNull();
    expect(roleOfGroups(undefined)).toBeNull();
  });

  it("runs from its own source alone, as the header inlines it", () => {
    const inlined = new Function(`return (${roleOfGroups.toString()})`)() as typeof roleOfGroups;
    expect(inlined(["volunteers"])).toBe("volunteer");
  });
});
