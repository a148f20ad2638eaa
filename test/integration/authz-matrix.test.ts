/**
 * The authorization matrix: every route of the route table × every role (and no
 * token at all), each cell asserted against the route's access rule. A caller the
 * rule lets through may still be refused by the domain (not the owner: NOT_OWNER;
 * no such thing: 404; a bad body: 400), but never with the role refusal (403
 * FORBIDDEN) nor a 401; a caller it does not let through gets exactly that 403 (or
 * the 401 without a token), before any body is looked at.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Access, ROUTES, type Route } from "../../shared/routes.ts";
import { startApi, type TestApi } from "../support/api.ts";
import { admin, resident, volunteer } from "../support/builders.ts";

const ROLES = ["resident", "volunteer", "admin", "staff"] as const;
type Who = (typeof ROLES)[number] | "anonymous";

let api: TestApi;
const tokens: Partial<Record<Who, string>> = {};

beforeAll(async () => {
  api = await startApi();
  tokens.resident = await api.login(resident(1));
  tokens.volunteer = await api.login(volunteer(1));
  tokens.admin = await api.login(admin());
  tokens.staff = await api.login({ sub: "s-m1", role: "staff", name: "社工", community: "大关西苑社区" });
});
afterAll(() => api.close());

/** Whom an access rule lets through (the domain may still refuse). */
function allowed(access: Access, who: Who): boolean {
  if (access === "public") return true;
  if (who === "anonymous") return false;
  if (access === "user" || access === "owner") return true;
  if (access === "booker") return who === "resident" || who === "staff";
  if (access === "board") return who === "volunteer" || who === "staff" || who === "admin";
  return access === who;
}

const pathOf = (r: Route) => r.path.replace("{id}", "x-none").replace("{sessionId}", "20300101-0900");

describe("authorization matrix", () => {
  const routes = ROUTES as readonly Route[];
  it(`asserts all ${routes.length} routes × ${ROLES.length + 1} callers`, async () => {
    let cells = 0;
    for (const route of routes) {
      for (const who of ["anonymous", ...ROLES] as const) {
        const token = who === "anonymous" ? undefined : tokens[who];
        const res = await api.request(route.method, pathOf(route), {
          ...(token ? { token } : {}),
          ...(route.body ? { body: {} } : {}),
        });
        const cell = `${route.method} ${route.path} as ${who} → ${res.status} ${res.text.slice(0, 120)}`;
        const code = res.body?.error?.code;
        if (allowed(route.access, who)) {
          expect(res.status, cell).not.toBe(401);
          expect(res.status === 403 && code === "FORBIDDEN", cell).toBe(false);
          expect(res.status, cell).toBeLessThan(500);
        } else if (who === "anonymous") expect(res.status, cell).toBe(401);
        else {
          expect(res.status, cell).toBe(403);
          expect(code, cell).toBe("FORBIDDEN");
        }
        cells++;
      }
    }
    expect(cells).toBe(routes.length * (ROLES.length + 1));
  });
});
