/** The login gate (components/Gate.astro): the signed-in user when their role may see the page, else the gate. */
import { auth, type CurrentUser, type Role } from "../lib/auth.ts";
import { $ } from "../lib/dom.ts";

/**
 * `roles`: who may see the page; `otherRole` says why another signed-in user may not.
 * Returns the user, or null after showing the gate.
 */
export function gate(
  roles: readonly Role[],
  returnTo: string,
  otherRole?: (u: CurrentUser) => string,
): CurrentUser | null {
  const user = auth.currentUser();
  $("#login").addEventListener("click", () => void auth.login(returnTo));
  if (user && roles.includes(user.role)) return user;
  $("#gate").hidden = false;
  if (user && otherRole) $("#gate-text").textContent = otherRole(user);
  return null;
}
