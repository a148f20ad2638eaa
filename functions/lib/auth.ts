/**
 * Who is calling: read from the JWT claims that API Gateway's JWT authorizer (or
 * the local server, identically) puts at requestContext.authorizer.jwt.claims.
 */
import { ROLE_GROUP, ROLES, type Role, roleOfGroups } from "../../shared/roles.ts";
import type { Access } from "../../shared/routes.ts";
import { Forbidden, Unauthorized } from "../domain/errors.ts";

export interface User {
  id: string;
  name: string;
  role: Role;
  community?: string;
  branch?: string;
  /**
   * The account's phone, only when Cognito verified it (`phone_number_verified`),
   * as a mainland mobile without +86: texts about this account's bookings may go to it.
   */
  verifiedPhone?: string;
}

/** The Cognito groups (infra/auth.ts creates them) and the role each grants: shared/roles.ts's map, read the other way. */
export const GROUP_ROLE: Readonly<Record<string, Role>> = Object.fromEntries(
  ROLES.map((r) => [ROLE_GROUP[r], r]),
);

export function userFromClaims(claims: Record<string, unknown> | undefined): User | null {
  if (!claims || typeof claims.sub !== "string" || claims.sub === "") return null;
  const role = roleOfGroups(claims["cognito:groups"]);
  if (!role) return null;
  const str = (k: string) => {
    const v = claims[k] ?? claims[`custom:${k}`];
    return typeof v === "string" && v !== "" ? v : undefined;
  };
  const user: User = { id: claims.sub, name: str("name") ?? claims.sub, role };
  const community = str("community");
  const branch = str("branch");
  if (community) user.community = community;
  if (branch) user.branch = branch;
  const phone = verifiedPhone(claims);
  if (phone) user.verifiedPhone = phone;
  return user;
}

/** `phone_number` when `phone_number_verified` is true (a string once API Gateway flattened it). */
function verifiedPhone(claims: Record<string, unknown>): string | undefined {
  const verified = claims.phone_number_verified;
  if (verified !== true && verified !== "true") return undefined;
  const phone = claims.phone_number;
  if (typeof phone !== "string") return undefined;
  const local = phone.replace(/^\+86/, "");
  return /^1[3-9]\d{9}$/.test(local) ? local : undefined;
}

/** Enforce a route's access rule; ownership ('owner') is then the domain's to check. */
export function authorize(access: Access, user: User | null): User | null {
  if (access === "public") return user;
  if (!user) throw new Unauthorized();
  if (access === "user" || access === "owner") return user;
  if (access === "board") {
    if (user.role === "volunteer" || user.role === "staff" || user.role === "admin") return user;
    throw new Forbidden("需求大厅仅限志愿者、社区工作者和管理员");
  }
  if (access === "booker") {
    if (user.role === "resident" || user.role === "staff") return user;
    throw new Forbidden("此操作仅限居民或社区工作者");
  }
  if (user.role !== access)
    throw new Forbidden(
      `此操作仅限${{ resident: "居民", volunteer: "志愿者", admin: "管理员", staff: "社区工作者" }[access]}`,
    );
  return user;
}
