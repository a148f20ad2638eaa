/**
 * Who a signed-in person is, read one way everywhere: the API (functions/lib/auth.ts),
 * the storefront's token reader (web/src/lib/auth.ts) and the header's before-paint
 * script (layouts/Base.astro, which inlines `roleOfGroups` itself) all call
 * `roleOfGroups` on a token's `cognito:groups` claim. The Cognito groups (infra/auth.ts)
 * and the local token issuer are made from `ROLE_GROUP`.
 */

/** The roles, once. */
export const ROLES = ["resident", "volunteer", "admin", "staff"] as const;
export type Role = (typeof ROLES)[number];

/** The Cognito group that grants each role. */
export const ROLE_GROUP: Readonly<Record<Role, string>> = {
  resident: "residents",
  volunteer: "volunteers",
  admin: "admins",
  /** 社区工作者: books for residents of their community (`custom:community`). */
  staff: "staff",
};

/** Where the storefront keeps the signed-in person's ID token. */
export const TOKEN_STORAGE_KEY = "wt.token";

/**
 * The role a `cognito:groups` claim grants, the highest when there are several;
 * `null` when it names no known group (no user at all, never a guessed resident).
 * API Gateway flattens array claims to `"[a b]"`; a raw array or a comma list may
 * appear too.
 *
 * Self-contained (no outside names), so the header's inline script can carry its
 * source as it is.
 */
export function roleOfGroups(claim: unknown): "admin" | "staff" | "volunteer" | "resident" | null {
  const list = Array.isArray(claim)
    ? claim.map(String)
    : typeof claim === "string"
      ? claim
          .replace(/^\[|\]$/g, "")
          .split(/[\s,]+/)
          .filter(Boolean)
      : [];
  if (list.indexOf("admins") >= 0) return "admin";
  if (list.indexOf("staff") >= 0) return "staff";
  if (list.indexOf("volunteers") >= 0) return "volunteer";
  if (list.indexOf("residents") >= 0) return "resident";
  return null;
}
