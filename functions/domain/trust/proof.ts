/**
 * Which phones are proven to belong to a booking (API.md v1.2 "Trust and safety"):
 * the account's verified phone (Cognito `phone_number_verified`), a number a
 * community worker registered, or a family number the account confirmed with a
 * one-time code (`POST /api/me/phones`, then `/verify`), kept as one item in the
 * account's partition. Settled once, when the booking is made, and recorded on it
 * (`phoneProven`), so the projector and the texts job never look it up.
 */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { keys } from "../../../shared/keys.ts";
import type { CodeSent, ProvenPhone } from "../../../shared/trust.ts";
import type { User } from "../../lib/auth.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";
import { isMobile } from "../texts/wording.ts";
import { sendCode, useCode } from "./codes.ts";

/** Whether `user` (a resident booking for themselves or family) has proven `phone`. */
export async function isProvenFor(user: User, phone: string): Promise<boolean> {
  if (!isMobile(phone)) return false;
  if (user.verifiedPhone === phone) return true;
  const res = await ddb.send(
    new GetCommand({ TableName: TABLE_NAME, Key: keys.provenPhone(user.id, phone) }),
  );
  return res.Item !== undefined;
}

/** POST /api/me/phones: a code to the family number. */
export const askToProve = (user: User, phone: string, now = new Date()): Promise<CodeSent> =>
  sendCode(phone, "prove", user.id, now);

/** POST /api/me/phones/verify: the code proves the number for this account's bookings. */
export async function proveWithCode(
  user: User,
  phone: string,
  code: string,
  now = new Date(),
): Promise<ProvenPhone> {
  await useCode(phone, "prove", user.id, code, now);
  await ddb.send(
    new PutCommand({
      TableName: TABLE_NAME,
      Item: { ...keys.provenPhone(user.id, phone), type: "provenPhone", phone, at: now.toISOString() },
    }),
  );
  return { phone, verified: true };
}
