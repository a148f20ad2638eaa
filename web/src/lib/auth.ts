/**
 * The token provider. Page code uses only `auth` (getToken / currentUser / login /
 * logout). Deployed, /config.json names Cognito and login is the OAuth 2.0
 * authorization code flow with PKCE against its hosted UI; we keep the ID token
 * (it carries `name` and `cognito:groups`). Locally /config.json is absent (404)
 * and /login/ offers the demo people through the dev token issuer (that page's
 * half is lib/login.ts, so other pages do not load it). What those endpoints
 * answer is parsed with the schemas below, never cast.
 */
import * as z from "zod/mini";
import { ROLES, type Role, roleOfGroups, TOKEN_STORAGE_KEY } from "../../../shared/roles.ts";

export type { Role };

export const RoleSchema = z.enum(ROLES);

export interface CurrentUser {
  id: string;
  name: string;
  role: Role;
  community?: string;
  branch?: string;
}

export interface TokenProvider {
  getToken(): string | null;
  currentUser(): CurrentUser | null;
  /** Leave for the login page or the hosted UI; come back to `returnTo` (a same-site path). */
  login(returnTo?: string): Promise<void>;
  logout(): Promise<void>;
}

interface CognitoConfig {
  kind: "cognito";
  domain: string;
  clientId: string;
  redirectUri: string;
}
type AuthConfig = CognitoConfig | { kind: "dev" };

const ConfigBody = z.object({
  auth: z.optional(
    z.partial(
      z.object({ kind: z.string(), domain: z.string(), clientId: z.string(), redirectUri: z.string() }),
    ),
  ),
});

const TOKEN_KEY = TOKEN_STORAGE_KEY;
/** Where login() keeps the PKCE verifier for the /login/ page (lib/login.ts). */
export const PKCE_KEY = "wt.pkce";

let configPromise: Promise<AuthConfig> | undefined;

/** /config.json when deployed; its absence (404) means the local dev issuer. */
export function authConfig(): Promise<AuthConfig> {
  const dev: AuthConfig = { kind: "dev" };
  configPromise ??= fetch("/config.json", { cache: "no-store" })
    .then(async (res): Promise<AuthConfig> => {
      if (!res.ok) return dev;
      const a = ConfigBody.safeParse(await res.json()).data?.auth;
      if (a?.kind === "cognito" && a.domain && a.clientId && a.redirectUri) {
        return {
          kind: "cognito",
          domain: a.domain.replace(/\/$/, ""),
          clientId: a.clientId,
          redirectUri: a.redirectUri,
        };
      }
      return dev;
    })
    .catch(() => dev);
  return configPromise;
}

/** Only same-site paths are followed after login. */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
}

function b64urlDecode(part: string): string {
  const b64 = part
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(part.length / 4) * 4, "=");
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

function b64urlEncode(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const Claims = z.looseObject({
  sub: z.optional(z.string()),
  exp: z.optional(z.number()),
  name: z.optional(z.string()),
});
type Claims = z.infer<typeof Claims>;

function claimsOf(token: string): Claims | null {
  try {
    return Claims.safeParse(JSON.parse(b64urlDecode(token.split(".")[1] ?? ""))).data ?? null;
  } catch {
    return null;
  }
}

function readToken(): string | null {
  let token: string | null = null;
  try {
    token = localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
  if (!token) return null;
  const c = claimsOf(token);
  if (!c || (typeof c.exp === "number" && c.exp * 1000 < Date.now() + 30_000)) {
    localStorage.removeItem(TOKEN_KEY);
    return null;
  }
  return token;
}

export function storeToken(token: string): void {
  localStorage.setItem(TOKEN_KEY, token);
}

export const auth: TokenProvider = {
  getToken: readToken,
  currentUser() {
    const token = readToken();
    const c = token ? claimsOf(token) : null;
    if (!c?.sub) return null;
    // As the API reads it: a token naming no known group is no user.
    const role = roleOfGroups(c["cognito:groups"]);
    if (!role) return null;
    const user: CurrentUser = {
      id: c.sub,
      name: typeof c.name === "string" && c.name ? c.name : "用户",
      role,
    };
    if (typeof c["custom:community"] === "string") user.community = c["custom:community"];
    if (typeof c["custom:branch"] === "string") user.branch = c["custom:branch"];
    return user;
  },
  async login(returnTo = location.pathname + location.search) {
    const back = safeReturnTo(returnTo);
    const cfg = await authConfig();
    if (cfg.kind === "dev") {
      location.assign(`/login/?returnTo=${encodeURIComponent(back)}`);
      return;
    }
    const verifier = b64urlEncode(crypto.getRandomValues(new Uint8Array(48)));
    const state = b64urlEncode(crypto.getRandomValues(new Uint8Array(16)));
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
    sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state, returnTo: back }));
    const q = new URLSearchParams({
      response_type: "code",
      client_id: cfg.clientId,
      redirect_uri: cfg.redirectUri,
      scope: "openid profile",
      state,
      code_challenge_method: "S256",
      code_challenge: b64urlEncode(digest),
    });
    location.assign(`${cfg.domain}/oauth2/authorize?${q}`);
  },
  async logout() {
    localStorage.removeItem(TOKEN_KEY);
    const cfg = await authConfig();
    if (cfg.kind === "cognito") {
      const q = new URLSearchParams({ client_id: cfg.clientId, logout_uri: `${location.origin}/` });
      location.assign(`${cfg.domain}/logout?${q}`);
    } else location.assign("/");
  },
};
