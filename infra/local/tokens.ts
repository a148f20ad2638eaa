/**
 * The local token issuer standing in for Cognito: signs RS256 JWTs whose claims
 * are those a Cognito ID token carries (`sub`, `name`, `cognito:groups`, and the
 * volunteer's `custom:community` / `custom:branch`). Local only, never deployed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import { ROLE_GROUP, ROLES } from "../../shared/roles.ts";

export const ISSUER = "urn:wangtao:local-issuer";
export const AUDIENCE = "wangtao-local";

export const DevLogin = z.strictObject({
  sub: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  role: z.enum(ROLES),
  name: z.string().trim().min(1).max(30),
  community: z.string().trim().min(1).max(30).optional(),
  branch: z.string().trim().min(1).max(40).optional(),
  /** The account's phone (a mainland mobile), and whether Cognito would have verified it. */
  phone: z
    .string()
    .regex(/^1[3-9]\d{9}$/)
    .optional(),
  phoneVerified: z.boolean().optional(),
});
export type DevLogin = z.infer<typeof DevLogin>;

export interface TokenIssuer {
  issue(login: DevLogin): Promise<string>;
  verify(token: string): Promise<JWTPayload>;
}

/** Keys persist beside the data (so tokens survive a restart); without a file, they live in memory. */
export async function createIssuer(keyFile?: string): Promise<TokenIssuer> {
  let privateJwk: JWK;
  if (keyFile && existsSync(keyFile)) {
    privateJwk = JSON.parse(readFileSync(keyFile, "utf8")) as JWK;
  } else {
    const { privateKey } = await generateKeyPair("RS256", { extractable: true });
    privateJwk = await exportJWK(privateKey);
    if (keyFile) {
      mkdirSync(dirname(keyFile), { recursive: true });
      writeFileSync(keyFile, JSON.stringify(privateJwk), { mode: 0o600 });
    }
  }
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  const privateKey = await importJWK(privateJwk, "RS256");
  const publicKey = await importJWK(publicJwk, "RS256");
  return {
    issue: (login) =>
      new SignJWT({
        name: login.name,
        "cognito:groups": [ROLE_GROUP[login.role]],
        token_use: "id",
        ...(login.community ? { "custom:community": login.community } : {}),
        ...(login.branch ? { "custom:branch": login.branch } : {}),
        // As a Cognito ID token carries them: E.164, and a boolean.
        ...(login.phone
          ? { phone_number: `+86${login.phone}`, phone_number_verified: login.phoneVerified === true }
          : {}),
      })
        .setProtectedHeader({ alg: "RS256", kid: "local" })
        .setSubject(login.sub)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime("12h")
        .sign(privateKey),
    verify: async (token) =>
      (await jwtVerify(token, publicKey, { issuer: ISSUER, audience: AUDIENCE })).payload,
  };
}

/**
 * Claims as API Gateway's JWT authorizer hands them to a function: every value a
 * string, arrays as "[a b]".
 */
export function flattenClaims(payload: JWTPayload): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(payload)) {
    if (v === undefined || v === null) continue;
    out[k] = Array.isArray(v) ? `[${v.join(" ")}]` : typeof v === "object" ? JSON.stringify(v) : String(v);
  }
  return out;
}
