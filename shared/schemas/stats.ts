/**
 * The district office's dashboard and a volunteer's service record. Part of the HTTP
 * contract's schemas, which shared/schemas.ts gathers.
 */
import * as z from "zod/mini";
import { Day } from "../sessions.ts";

export const StatsQuery = z.object({ from: z.optional(Day), to: z.optional(Day) });

/** Needs (群众点单): the need figures of the dashboard (API.md: `totals.needs`, each byCategory / byCommunity row). */
export const NeedFigures = z.object({
  posted: z.number(),
  claimed: z.number(),
  fulfilled: z.number(),
  expired: z.number(),
  medianHoursToClaim: z.nullable(z.number()),
});

export type NeedFigures = z.infer<typeof NeedFigures>;

const Counters = z.object({
  requested: z.number(),
  accepted: z.number(),
  completed: z.number(),
  declined: z.number(),
  cancelled: z.number(),
  expired: z.number(),
  waitlisted: z.number(),
  /** Bookings moved from a waitlist to a seat. */
  promoted: z.number(),
  hoursServed: z.number(),
  /** completed ÷ bookings that reached an outcome (completed, declined, cancelled, expired). */
  fulfilmentRate: z.nullable(z.number()),
  /** From the hours-to-accept histogram (interpolated within its bucket). */
  medianHoursToAccept: z.nullable(z.number()),
  p90HoursToAccept: z.nullable(z.number()),
  ratingAvg: z.nullable(z.number()),
  ratingCount: z.number(),
  /** Accepted bookings the volunteer marked 居民未到 (no-show). */
  noShow: z.number(),
  /** Sessions of scheduled services that have started in the range. */
  sessionsHeld: z.number(),
  /** Seats taken ÷ seats offered over those sessions; null when none was held. */
  fillRate: z.nullable(z.number()),
  /** Needs (群众点单): on totals, byCategory and byCommunity. */
  needs: z.optional(NeedFigures),
});

export type Counters = z.infer<typeof Counters>;

export const StatsRow = z.extend(Counters, { key: z.string(), name: z.string() });

export const Stats = z.object({
  from: z.string(),
  to: z.string(),
  /** Every booking change up to this ISO instant is counted (the counters come from the table's stream). */
  asOf: z.string(),
  totals: Counters,
  byCategory: z.array(StatsRow),
  byCommunity: z.array(StatsRow),
  byBranch: z.array(StatsRow),
  byDay: z.array(StatsRow),
  unmet: z.object({
    searchMisses: z.array(z.object({ q: z.string(), count: z.number() })),
    waitlists: z.array(z.object({ listingId: z.string(), title: z.string(), waitlistCount: z.number() })),
    /** The months the two monthly lists (searchMisses, expiredOrDeclined) cover: those the range touches. */
    months: z.object({ from: z.string(), to: z.string() }),
    /** Listings whose requests were declined or expired in those months, most first. */
    expiredOrDeclined: z.array(
      z.object({
        listingId: z.string(),
        title: z.string(),
        category: z.string(),
        community: z.string(),
        declined: z.number(),
        expired: z.number(),
      }),
    ),
    /** Categories and communities with no published listing right now. */
    emptyCategories: z.array(z.object({ key: z.string(), name: z.string() })),
    emptyCommunities: z.array(z.string()),
    /** Needs (群众点单) nobody has claimed: open now, oldest first (at most 20). */
    unclaimedNeeds: z.optional(
      z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          category: z.string(),
          community: z.string(),
          createdAt: z.string(),
        }),
      ),
    ),
  }),
});

export type Stats = z.infer<typeof Stats>;

export type StatsRow = z.infer<typeof StatsRow>;

export const Certificate = z.object({
  district: z.string(),
  volunteer: z.object({ id: z.string(), name: z.string(), community: z.string(), branch: z.string() }),
  totalHours: z.number(),
  completedCount: z.number(),
  entries: z.array(
    z.object({
      bookingId: z.string(),
      listingTitle: z.string(),
      category: z.string(),
      completedAt: z.string(),
      hours: z.number(),
    }),
  ),
  issuedAt: z.string(),
});

export type Certificate = z.infer<typeof Certificate>;
