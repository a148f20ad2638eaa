/**
 * The token provider. Page code uses only `auth` (getToken / currentUser / login /
 * logout). Deployed, /config.json names Cognito and login is the OAuth 2.0
 * authorization code flow with PKCE against its hosted UI; we keep the ID token
 * (it carries `name` and `cognito:groups`). Locally /config.json is absent (404)
 * and /login/ offers the demo people through the dev token issuer. What those
 * endpoints answer is parsed with the schemas below, never cast.
 */
import * as z from "zod/mini";
import { ROLES, type Role, roleOfGroups, TOKEN_STORAGE_KEY } from "../../../shared/roles.ts";

export type { Role };

const RoleSchema = z.enum(ROLES);

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
const Pkce = z.object({ verifier: z.string(), state: z.string(), returnTo: z.string() });
const TokenAnswer = z.object({ id_token: z.optional(z.string()) });
const DevToken = z.object({ token: z.string() });
const DevPersonSchema = z.object({
  sub: z.string(),
  role: RoleSchema,
  name: z.string(),
  community: z.optional(z.string()),
  branch: z.optional(z.string()),
  phone: z.optional(z.string()),
});

const TOKEN_KEY = TOKEN_STORAGE_KEY;
const PKCE_KEY = "wt.pkce";

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

/** The /login/ page's half of the code flow: trade `code` for tokens; returns where to go next. */
export async function completeCognitoLogin(code: string, state: string | null): Promise<string> {
  const cfg = await authConfig();
  const saved = Pkce.safeParse(JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? "null")).data;
  if (cfg.kind !== "cognito" || !saved || saved.state !== state)
    throw new Error("登录请求已失效，请重新登录");
  sessionStorage.removeItem(PKCE_KEY);
  const res = await fetch(`${cfg.domain}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: cfg.clientId,
      code,
      redirect_uri: cfg.redirectUri,
      code_verifier: saved.verifier,
    }),
  });
  if (!res.ok) throw new Error("登录失败，请重新登录");
  const tokens = TokenAnswer.safeParse(await res.json()).data;
  if (!tokens?.id_token) throw new Error("登录失败，请重新登录");
  storeToken(tokens.id_token);
  return safeReturnTo(saved.returnTo);
}

export interface DevPerson {
  sub: string;
  role: Role;
  name: string;
  community?: string;
  branch?: string;
  phone?: string;
}

/** Local only: sign in as a demo person through the dev token issuer. */
export async function devLogin(p: DevPerson): Promise<void> {
  const { phone: _phone, ...login } = p;
  const res = await fetch("/api/dev/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(login),
  });
  if (!res.ok) throw new Error("登录失败");
  const answer = DevToken.safeParse(await res.json());
  if (!answer.success) throw new Error("登录失败");
  storeToken(answer.data.token);
}

/** Local only: the demo people /login/ offers (GET /api/dev/users); anyone of a role this storefront does not know is left out. */
export async function devPeople(): Promise<DevPerson[]> {
  const res = await fetch("/api/dev/users");
  const list = z.object({ items: z.array(z.unknown()) }).safeParse(await res.json());
  if (!list.success) throw new Error("演示账号列表加载失败");
  return list.data.items.flatMap((item) => {
    const p = DevPersonSchema.safeParse(item);
    return p.success ? [p.data] : [];
  });
}
