/**
 * Opt-out by the receiving number, not the booker's account: a reply of T (TD, 退订)
 * to any text, or the opt-out page (/sms/) where the number's owner proves it with a
 * code. Either puts one item for the number; the texts job reads it before every
 * text (texts/deliver.ts) and a code is not even made for it (codes.ts).
 */
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { keys } from "../../../shared/keys.ts";
import { type InboundSms, Mobile, OPT_OUT_REPLIES, type OptedOut } from "../../../shared/trust.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";
import { sendCode, useCode } from "./codes.ts";

async function optOut(phone: string, via: "reply" | "page", now: Date): Promise<OptedOut> {
  await ddb.send(
    new PutCommand({
      TableName: TABLE_NAME,
      Item: { ...keys.optOut(phone), type: "optOut", phone, via, at: now.toISOString() },
    }),
  );
  return { phone, optedOut: true };
}

/** Whether a reply's words ask to stop (T, TD, 退订, STOP; case, spaces and punctuation aside). */
export const asksToStop = (body: string) =>
  (OPT_OUT_REPLIES as readonly string[]).includes(body.replace(/[\s\p{P}]/gu, "").toUpperCase());

/** An inbound text: a number replying T is opted out; anything else is ignored. */
export async function receiveSms(sms: InboundSms, now = new Date()): Promise<{ optedOut: boolean }> {
  const from = Mobile.safeParse(sms.from);
  if (!from.success || !asksToStop(sms.body)) return { optedOut: false };
  await optOut(from.data, "reply", now);
  return { optedOut: true };
}

/** The opt-out page, first step: a code to the number (no account needed). */
export const startOptOut = (phone: string, now = new Date()) => sendCode(phone, "optout", "-", now);

/** The opt-out page, second step: the code proves the number, which then gets no more texts. */
export async function confirmOptOut(phone: string, code: string, now = new Date()): Promise<OptedOut> {
  await useCode(phone, "optout", "-", code, now);
  return optOut(phone, "page", now);
}
