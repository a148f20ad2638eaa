/**
 * Listings as shown, browsing, communities and categories, volunteers' shops and the
 * rankings. Part of the HTTP contract's schemas, which shared/schemas.ts gathers.
 */
import * as z from "zod/mini";
import { FacePhoto, Photo } from "../photo-views.ts";
import { Schedule } from "../schedule.ts";
import { CategorySchema, Community, Cursor, Kind, Limit, ListingStatus, Mode, Sort, text } from "./common.ts";

export const Listing = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  category: CategorySchema,
  kind: Kind,
  community: z.string(),
  mode: Mode,
  capacity: z.int(),
  seatsTaken: z.int(),
  waitlistCount: z.int(),
  startsAt: z.optional(z.string()),
  endsAt: z.optional(z.string()),
  schedule: z.optional(Schedule),
  status: ListingStatus,
  /** Trust and safety (issue 19.3): a pause by an admin, with its reason; only while paused. */
  adminPause: z.optional(z.object({ reason: z.string(), pausedAt: z.string() })),
  volunteer: z.object({ id: z.string(), name: z.string() }),
  ratingAvg: z.number(),
  ratingCount: z.int(),
  completedCount: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  // journeys: the venue's address, where the volunteer gave one
  place: z.optional(z.string()),
  /** Processed photos, in the owner's order (photos feature); none: the emoji tile. */
  photos: z.array(Photo),
});

export type Listing = z.infer<typeof Listing>;

export const ListingQuery = z.object({
  category: z.optional(CategorySchema),
  community: z.optional(Community),
  q: z.optional(text(1, 30)),
  kind: z.optional(Kind),
  sort: z._default(Sort, "new"),
  limit: z._default(Limit, 20),
  cursor: z.optional(Cursor),
});

export type ListingQuery = z.infer<typeof ListingQuery>;

export const CommunityCount = z.object({
  name: z.string(),
  listingCount: z.int(),
  /** Its 居委会's phone, once a community worker has set it (PUT /api/staff/community). */
  phone: z.optional(z.string()),
});

export type CommunityCount = z.infer<typeof CommunityCount>;

export const CategoryCount = z.object({ slug: CategorySchema, name: z.string(), listingCount: z.int() });

export const VolunteerProfile = z.object({
  id: z.string(),
  name: z.string(),
  community: z.string(),
  branch: z.string(),
  bio: z.optional(z.string()),
  ratingAvg: z.number(),
  ratingCount: z.int(),
  completedCount: z.int(),
  hoursServed: z.number(),
  /** The volunteer's face (photos feature). */
  photo: z.optional(FacePhoto),
});

export type VolunteerProfile = z.infer<typeof VolunteerProfile>;

export const Shop = z.object({ volunteer: VolunteerProfile, listings: z.array(Listing) });

export type Shop = z.infer<typeof Shop>;

export const RankingQuery = z.object({
  by: z._default(z.enum(["volunteer", "branch"]), "volunteer"),
  period: z._default(z.enum(["month", "all"]), "all"),
});

export const RankingItem = z.object({
  id: z.string(),
  name: z.string(),
  hoursServed: z.number(),
  completedCount: z.int(),
  ratingAvg: z.number(),
});

export const SearchMiss = z.strictObject({ q: text(1, 30) });
