/**
 * A volunteer's service certificate: every completed booking (date, service,
 * hours) and the totals, with the district's name. One GetItem for the profile
 * and one Query on the volunteer's bookings index (gsi2, paged past 1 MB),
 * keeping the completed ones; oldest first, as a record reads.
 */
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { keys } from "../../shared/keys.ts";
import type { Certificate } from "../../shared/schemas.ts";
import type { User } from "../lib/auth.ts";
import { ddb, TABLE_NAME } from "../lib/db.ts";
import { env } from "../lib/env.ts";
import { BookingItem } from "./bookings.ts";
import { getProfile } from "./people.ts";

async function completedBookings(volunteerId: string): Promise<BookingItem[]> {
  const items: BookingItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await ddb.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        IndexName: "gsi2",
        KeyConditionExpression: "#pk = :pk",
        FilterExpression: "#status = :completed",
        ExpressionAttributeNames: { "#pk": "gsi2pk", "#status": "status" },
        ExpressionAttributeValues: { ":pk": keys.volunteerBookings(volunteerId), ":completed": "completed" },
        ExclusiveStartKey: start,
      }),
    );
    for (const raw of res.Items ?? []) items.push(BookingItem.parse(raw));
    start = res.LastEvaluatedKey;
  } while (start);
  return items;
}

export async function certificate(user: User, now = new Date()): Promise<Certificate> {
  const [profile, done] = await Promise.all([getProfile(user.id), completedBookings(user.id)]);
  const entries = done
    .map((b) => ({
      bookingId: b.id,
      listingTitle: b.listingTitle,
      category: b.category,
      completedAt: b.completedAt ?? b.updatedAt,
      hours: b.hours ?? 0,
    }))
    .sort((a, b) => a.completedAt.localeCompare(b.completedAt));
  const totalHours = Math.round(entries.reduce((sum, e) => sum + e.hours, 0) * 10) / 10;
  return {
    district: env.districtName,
    volunteer: {
      id: user.id,
      name: profile?.name || user.name,
      community: profile?.community || user.community || "",
      branch: profile?.branch || user.branch || "",
    },
    totalHours,
    completedCount: entries.length,
    entries,
    issuedAt: now.toISOString(),
  };
}
