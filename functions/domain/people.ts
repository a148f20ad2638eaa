/** People: profiles (me), volunteers' public shops and the rankings. */
import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod/mini";
import { keys } from "../../shared/keys.ts";
import { FacePhoto } from "../../shared/photos.ts";
import type { Me, Shop } from "../../shared/schemas.ts";
import type { User } from "../lib/auth.ts";
import { ddb, TABLE_NAME } from "../lib/db.ts";
import { update } from "../lib/expr.ts";
import { queryPage } from "../lib/query.ts";
import { NotFound } from "./errors.ts";
import { ListingItem, ratingAvg, toView } from "./listings/item.ts";

export const ProfileItem = z.object({
  id: z.string(),
  /** Empty until the person saves one; the token's name stands in. */
  name: z._default(z.string(), ""),
  role: z.optional(z.enum(["resident", "volunteer", "admin", "staff"])),
  /** false: the person turned texts (SMS) off. */
  sms: z.optional(z.boolean()),
  phone: z.optional(z.string()),
  community: z.optional(z.string()),
  branch: z.optional(z.string()),
  bio: z.optional(z.string()),
  ratingSum: z._default(z.number(), 0),
  ratingCount: z._default(z.number(), 0),
  completedCount: z._default(z.number(), 0),
  hoursServed: z._default(z.number(), 0),
  /** The volunteer's face, once processed (domain/photos). */
  photo: z.optional(FacePhoto),
});
export type ProfileItem = z.infer<typeof ProfileItem>;

const nonEmpty = (s: string | undefined) => (s ? s : undefined);

export async function getProfile(id: string): Promise<ProfileItem | null> {
  const res = await ddb.send(new GetCommand({ TableName: TABLE_NAME, Key: keys.user(id) }));
  return res.Item ? ProfileItem.parse(res.Item) : null;
}

/** Who I am: the token's identity, with what I saved in my profile taking precedence. */
export async function getMe(user: User): Promise<Me> {
  const profile = await getProfile(user.id);
  const me: Me = { id: user.id, name: nonEmpty(profile?.name) ?? user.name, role: user.role };
  const phone = nonEmpty(profile?.phone);
  const community = nonEmpty(profile?.community) ?? user.community;
  const branch = nonEmpty(profile?.branch) ?? user.branch;
  if (phone) me.phone = phone;
  if (community) me.community = community;
  if (branch) me.branch = branch;
  me.sms = profile?.sms !== false;
  return me;
}

export async function updateMe(
  user: User,
  patch: { name?: string; phone?: string; community?: string; sms?: boolean },
): Promise<Me> {
  await ddb.send(
    new UpdateCommand({
      TableName: TABLE_NAME,
      Key: keys.user(user.id),
      ...update({
        set: {
          type: "user",
          id: user.id,
          role: user.role,
          ...patch,
          ...(user.role === "volunteer" ? keys.volunteerShop(user.id) : {}),
        },
      }),
    }),
  );
  return getMe(user);
}

/** A volunteer's public shop: profile and live listings in one Query of the shop partition. */
export async function getShop(volunteerId: string): Promise<Shop> {
  const { items: rows } = await queryPage({ index: "gsi7", pk: keys.volunteerShopPartition(volunteerId) });
  const profileRow = rows.find((r) => r.gsi7sk === keys.volunteerShop(volunteerId).gsi7sk);
  if (!profileRow) throw new NotFound("志愿者");
  const p = ProfileItem.parse(profileRow);
  const listings = rows
    .filter((r) => r !== profileRow)
    .map((r) => ListingItem.parse(r))
    .filter((l) => l.status === "published")
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map(toView);
  return {
    volunteer: {
      id: p.id,
      name: p.name,
      community: p.community ?? "",
      branch: p.branch ?? "",
      ...(p.bio ? { bio: p.bio } : {}),
      ratingAvg: ratingAvg(p.ratingSum, p.ratingCount),
      ratingCount: p.ratingCount,
      completedCount: p.completedCount,
      hoursServed: p.hoursServed,
      ...(p.photo ? { photo: p.photo } : {}),
    },
    listings,
  };
}
