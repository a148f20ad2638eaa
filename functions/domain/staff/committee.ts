/**
 * Each community's 居委会 phone: one item (keys.communityPhones) with one attribute
 * `phone:<community>`, as the live counts keep `community:<name>` on theirs. A
 * community worker sets their own community's; the communities list, the slip and
 * the family page read it.
 */
import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod/mini";
import { keys } from "../../../shared/keys.ts";
import type { CommunityPhone, CommunityPhoneInput } from "../../../shared/staff.ts";
import type { User } from "../../lib/auth.ts";
import { ddb, TABLE_NAME } from "../../lib/db.ts";
import { update } from "../../lib/expr.ts";
import { communityOf } from "./registry.ts";

export const PHONE_PREFIX = "phone:";
export const phoneAttr = (community: string) => `${PHONE_PREFIX}${community}`;

const PhonesItem = z.record(z.string(), z.unknown());

/** Community → phone, from the phones item as read (absent: none set yet). */
export function phonesOf(item: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(PhonesItem.parse(item ?? {})))
    if (k.startsWith(PHONE_PREFIX) && typeof v === "string" && v !== "")
      out.set(k.slice(PHONE_PREFIX.length), v);
  return out;
}

/** One community's 居委会 phone: one GetItem of that attribute alone. */
export async function committeePhone(community: string): Promise<string | undefined> {
  const res = await ddb.send(
    new GetCommand({
      TableName: TABLE_NAME,
      Key: keys.communityPhones(),
      ProjectionExpression: "#p",
      ExpressionAttributeNames: { "#p": phoneAttr(community) },
    }),
  );
  return phonesOf(res.Item).get(community);
}

/** PUT /api/staff/community: the worker sets their own community's phone (one UpdateItem). */
export async function setCommitteePhone(worker: User, input: CommunityPhoneInput): Promise<CommunityPhone> {
  const community = communityOf(worker);
  await ddb.send(
    new UpdateCommand({
      TableName: TABLE_NAME,
      Key: keys.communityPhones(),
      ...update({ set: { [phoneAttr(community)]: input.phone } }),
    }),
  );
  return { community, phone: input.phone };
}
