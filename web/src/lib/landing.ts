/**
 * Where a login lands: the page asked for (`returnTo`), or — from the header's 登录,
 * which asks for none — the person's own console: 志愿者工作台, 社区工作台, the district
 * dashboard; a resident goes home.
 */
import type { Role } from "../../../shared/roles.ts";

const CONSOLE: Record<Role, string> = {
  resident: "/",
  volunteer: "/volunteer/",
  staff: "/staff/",
  admin: "/admin/",
};

export const landing = (role: Role | undefined, returnTo: string): string =>
  returnTo !== "/" || !role ? returnTo : CONSOLE[role];
