/**
 * The /login/ page's own half of signing in (only that page loads it): the Cognito
 * code flow's token exchange, and locally the demo people and the dev token issuer.
 * What those endpoints answer is parsed with the schemas below, never cast.
 */
import * as z from "zod/mini";
import { authConfig, PKCE_KEY, type Role, RoleSchema, safeReturnTo, storeToken } from "./auth.ts";

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
