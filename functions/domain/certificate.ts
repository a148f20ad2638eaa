/**
 * A volunteer's service certificate: every completed booking (date, service,
 * hours) and the totals, with the district's name. One GetItem for the profile
 * and one Query on the volunteer's bookings index (gsi2, paged past 1 MB),
 * keeping the completed ones; oldest first, as a record reads.
 */
import { keys } from "../../shared/keys.ts";
import type { Certificate } from "../../shared/schemas.ts";
import type { User } from "../lib/auth.ts";
import { env } from "../lib/env.ts";
import { queryAll } from "../lib/query.ts";
import { BookingItem } from "./bookings/item.ts";
import { getProfile } from "./people.ts";

async function completedBookings(volunteerId: string): Promise<BookingItem[]> {
  const rows = await queryAll({
    index: "gsi2",
    pk: keys.volunteerBookings(volunteerId),
    equals: { status: "completed" },
  });
  return rows.map((raw) => BookingItem.parse(raw));
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
      // The admin-set claims (Cognito custom:community, custom:branch), never the self-set profile.
      community: user.community ?? "",
      branch: user.branch ?? "",
    },
    totalHours,
    completedCount: entries.length,
    entries,
    issuedAt: now.toISOString(),
  };
}
