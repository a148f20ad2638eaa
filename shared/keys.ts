/**
 * The one key builder: every pk/sk and GSI key in the table comes from here.
 * Each function names the access pattern it serves. Index names are those of
 * shared/table.ts.
 */
import type { IndexName } from "./table.ts";

export type Key = { pk: string; sk: string };

/** The Asia/Shanghai calendar day (UTC+8, no daylight saving) of an ISO instant. */
export const shanghaiDate = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

const pad = (n: number, width: number) => String(Math.max(0, Math.round(n))).padStart(width, "0");

/** Sort key fragments that order the catalogue. */
export const sortKeys = {
  newest: (createdAt: string, id: string) => `${createdAt}#${id}`,
  rating: (ratingAvg: number, ratingCount: number, createdAt: string, id: string) =>
    `${pad(ratingAvg * 100, 3)}#${pad(ratingCount, 7)}#${createdAt}#${id}`,
  popular: (completedCount: number, createdAt: string, id: string) =>
    `${pad(completedCount, 9)}#${createdAt}#${id}`,
  hours: (hours: number, id: string) => `${pad(hours * 10, 10)}#${id}`,
};

export const keys = {
  // ----- listings -----
  listing: (id: string): Key => ({ pk: `LISTING#${id}`, sk: "LISTING" }),
  /** GSI attributes of a listing: the catalogue indexes only while published; the owner's index always. */
  listingIndexes(l: {
    id: string;
    status: string;
    category: string;
    volunteerId: string;
    createdAt: string;
    ratingAvg: number;
    ratingCount: number;
    completedCount: number;
  }): Record<string, string> {
    const owner = { gsi7pk: `VOLUNTEER#${l.volunteerId}`, gsi7sk: `LISTING#${l.createdAt}#${l.id}` };
    if (l.status !== "published") return owner;
    const newest = sortKeys.newest(l.createdAt, l.id);
    const rating = sortKeys.rating(l.ratingAvg, l.ratingCount, l.createdAt, l.id);
    const popular = sortKeys.popular(l.completedCount, l.createdAt, l.id);
    return {
      ...owner,
      gsi1pk: `PUB#${l.category}`,
      gsi1sk: newest,
      gsi2pk: "PUB",
      gsi2sk: newest,
      gsi3pk: `PUB#${l.category}`,
      gsi3sk: rating,
      gsi4pk: "PUB",
      gsi4sk: rating,
      gsi5pk: `PUB#${l.category}`,
      gsi5sk: popular,
      gsi6pk: "PUB",
      gsi6sk: popular,
    };
  },
  /** Which index and partition serve a catalogue browse. */
  catalogueIndex(sort: "new" | "rating" | "popular", category?: string): { index: IndexName; pk: string } {
    const byCategory = { new: "gsi1", rating: "gsi3", popular: "gsi5" } as const;
    const all = { new: "gsi2", rating: "gsi4", popular: "gsi6" } as const;
    return category ? { index: byCategory[sort], pk: `PUB#${category}` } : { index: all[sort], pk: "PUB" };
  },
  /** Live listing counts per category, kept as one counter item. */
  categoryCounts: (): Key => ({ pk: "CATALOGUE", sk: "COUNTS" }),
  /** Each community's 居委会 phone, one attribute `phone:<community>` on one item (read with the counts). */
  communityPhones: (): Key => ({ pk: "CATALOGUE", sk: "PHONES" }),

  // ----- search -----
  /** Posting of one n-gram for one listing (inverted index for Chinese substring search). */
  /** Postings sort by the listing's creation, so search reads newest first. */
  gram: (gram: string, listing: { id: string; createdAt: string }): Key => ({
    pk: `GRAM#${gram}`,
    sk: `${listing.createdAt}#${listing.id}`,
  }),
  gramPartition: (gram: string) => `GRAM#${gram}`,

  // ----- people -----
  user: (id: string): Key => ({ pk: `USER#${id}`, sk: "PROFILE" }),
  /** A volunteer's profile also sits first in their shop partition of gsi7. */
  volunteerShop: (volunteerId: string) => ({ gsi7pk: `VOLUNTEER#${volunteerId}`, gsi7sk: "!PROFILE" }),
  volunteerShopPartition: (volunteerId: string) => `VOLUNTEER#${volunteerId}`,

  // ----- bookings -----
  booking: (id: string): Key => ({ pk: `BOOKING#${id}`, sk: "BOOKING" }),
  /**
   * Whose seats a booking holds: its listing's, or one session's of a scheduled
   * listing. The live guard and the waitlist are kept per scope.
   */
  seatScope: (listingId: string, sessionId?: string) => (sessionId ? `${listingId}@${sessionId}` : listingId),
  /** One live booking per resident per listing (or session): a guard item, present while the booking is live. */
  liveGuard: (scope: string, residentId: string): Key => ({
    pk: `LISTING#${scope}`,
    sk: `LIVE#${residentId}`,
  }),
  idempotency: (residentId: string, key: string): Key => ({ pk: `IDEMPOTENCY#${residentId}`, sk: key }),
  bookingIndexes(b: {
    id: string;
    listingId: string;
    sessionId?: string | undefined;
    residentId: string;
    volunteerId: string;
    status: string;
    createdAt: string;
    bookedBy?: { id: string } | undefined;
    startsAt?: string | undefined;
    /** When it last became an open request (creation, or promotion from the waitlist). */
    openedAt?: string;
  }): Record<string, string> {
    const at = `${b.createdAt}#${b.id}`;
    const idx: Record<string, string> = {
      gsi1pk: `RESIDENT#${b.residentId}`,
      gsi1sk: at,
      gsi2pk: `VOLUNTEER#${b.volunteerId}`,
      gsi2sk: at,
      gsi3pk: `LISTING#${keys.seatScope(b.listingId, b.sessionId)}#${b.status}`,
      gsi3sk: at,
    };
    if (b.status === "requested") {
      idx.gsi4pk = "OPEN_REQUESTS";
      idx.gsi4sk = `${b.openedAt ?? b.createdAt}#${b.id}`;
    }
    if (b.bookedBy) {
      idx.gsi5pk = keys.staffBookings(b.bookedBy.id);
      idx.gsi5sk = at;
    }
    // An accepted booking with a time sits under the Asia/Shanghai day it starts on (reminders).
    if (b.status === "accepted" && b.startsAt) {
      idx.gsi6pk = keys.startingOn(shanghaiDate(b.startsAt));
      idx.gsi6sk = `${b.startsAt}#${b.id}`;
    }
    return idx;
  },
  /** Bookings a community worker made for residents, newest first (gsi5). */
  staffBookings: (staffId: string) => `BOOKEDBY#${staffId}`,
  /** Accepted bookings starting on one Asia/Shanghai day (YYYY-MM-DD), by start (gsi6): the reminder job reads them. */
  startingOn: (day: string) => `STARTS#${day}`,
  /** Bookings of a seat scope (listing or session) in one status, in arrival order. */
  listingBookingsByStatus: (scope: string, status: string) => `LISTING#${scope}#${status}`,
  residentBookings: (residentId: string) => `RESIDENT#${residentId}`,
  volunteerBookings: (volunteerId: string) => `VOLUNTEER#${volunteerId}`,
  openRequests: () => "OPEN_REQUESTS",

  // ----- sessions (of a scheduled listing) -----
  /** A session sits in its listing's partition, ordered by its id (its local start). */
  session: (listingId: string, sessionId: string): Key => ({
    pk: `LISTING#${listingId}`,
    sk: `SESSION#${sessionId}`,
  }),
  listingPartition: (listingId: string) => `LISTING#${listingId}`,
  /** Sort-key bounds of a listing's sessions with ids from..to (inclusive). */
  sessionRange: (fromId: string, toId: string) => ({ start: `SESSION#${fromId}`, end: `SESSION#${toId}` }),
  /** Index attributes placing a session in its community's calendar (gsi1), by start time. */
  calendarIndexes: (s: { community: string; startsAt: string; listingId: string; id: string }) => ({
    gsi1pk: `CAL#${s.community}`,
    gsi1sk: `${s.startsAt}#${s.listingId}#${s.id}`,
  }),
  calendarPartition: (community: string) => `CAL#${community}`,
  /** A one-off event's pointer in its community's calendar. */
  listingCalendarEntry: (listingId: string): Key => ({ pk: `LISTING#${listingId}`, sk: "CAL" }),

  // ----- reviews -----
  review: (id: string): Key => ({ pk: `REVIEW#${id}`, sk: "REVIEW" }),
  reviewIndexes: (r: {
    id: string;
    listingId: string;
    createdAt: string;
    hidden?: boolean;
  }): Record<string, string> =>
    r.hidden ? {} : { gsi5pk: `REVIEWS#${r.listingId}`, gsi5sk: `${r.createdAt}#${r.id}` },
  listingReviews: (listingId: string) => `REVIEWS#${listingId}`,

  // ----- notifications -----
  notification: (userId: string, createdAt: string, id: string): Key => ({
    pk: `USER#${userId}`,
    sk: `NOTE#${createdAt}#${id}`,
  }),
  notificationPartition: (userId: string) => `USER#${userId}`,
  notificationSortPrefix: () => "NOTE#",
  /** When the user last pressed "mark all read": notifications up to then are read. */
  notificationsRead: (userId: string): Key => ({ pk: `USER#${userId}`, sk: "NOTES_READ" }),

  // ----- residents registered by community workers (no account) -----
  registeredResident: (id: string): Key => ({ pk: `REGRES#${id}`, sk: "REGRES" }),
  /** One registration per phone and community: a guard item, written with the registration. */
  registryPhone: (community: string, phone: string): Key => ({
    pk: `REGISTRY#${community}`,
    sk: `PHONE#${phone}`,
  }),
  /** A registered resident found by name prefix (gsi1) or by the phone's last 4 digits (gsi2), in their community. */
  registryIndexes: (r: { id: string; community: string; name: string; phone: string }) => ({
    gsi1pk: `REGISTRY#${r.community}`,
    gsi1sk: `NAME#${r.name}#${r.id}`,
    gsi2pk: `REGISTRY#${r.community}`,
    gsi2sk: `TAIL#${r.phone.slice(-4)}#${r.id}`,
  }),
  registryPartition: (community: string) => `REGISTRY#${community}`,
  registryByName: (prefix: string) => `NAME#${prefix}`,
  registryByTail: (last4: string) => `TAIL#${last4}#`,

  // ----- texts (SMS) -----
  /** One text per booking and kind: the id is derived from both, so a second one is refused. */
  text: (id: string): Key => ({ pk: `TEXT#${id}`, sk: "TEXT" }),
  /** A text in its phone's outbox (gsi1, newest first), in the whole outbox (gsi2), and, until sent, due (gsi4). */
  textIndexes: (t: { id: string; to: string; createdAt: string; sendAt: string; status: string }) => ({
    gsi1pk: `OUTBOX#${t.to}`,
    gsi1sk: `${t.createdAt}#${t.id}`,
    gsi2pk: "OUTBOX",
    gsi2sk: `${t.createdAt}#${t.id}`,
    ...(t.status === "sent" || t.status === "failed"
      ? {}
      : { gsi4pk: "TEXTS_DUE", gsi4sk: `${t.sendAt}#${t.id}` }),
  }),
  /** The sender's claim on a text, put on the condition it is new: whoever puts it sends, nobody else. */
  textClaim: (id: string): Key => ({ pk: `TEXT#${id}`, sk: "CLAIM" }),
  outboxOf: (to: string) => `OUTBOX#${to}`,
  outbox: () => "OUTBOX",
  textsDue: () => "TEXTS_DUE",

  // ----- audit -----
  contactRead: (at: string, id: string): Key => ({ pk: "AUDIT#CONTACT", sk: `${at}#${id}` }),
  contactReadPartition: () => "AUDIT#CONTACT",

  // ----- stream projections -----
  /** Marks one stream record (by its eventID) as projected; written in the transaction that applies it. */
  projected: (eventId: string): Key => ({ pk: `PROJECTED#${eventId}`, sk: "PROJECTED" }),
  /** The instant up to which every booking change is projected (the dashboard's `asOf`). */
  projectionsAsOf: (): Key => ({ pk: "PROJECTIONS", sk: "AS_OF" }),

  // ----- stats and rankings -----
  /**
   * Fulfilment counters of one period (a day, or a month for the unmet-demand
   * lists) and one dimension value (category, community, branch, listing). A
   * dimension is one partition ordered by period, so a date range is one Query per
   * dimension: `statsRange`.
   */
  statsDay: (dimension: string, period: string, value: string): Key => ({
    pk: `STATS#${dimension}`,
    sk: `${period}#${value}`,
  }),
  statsDimension: (dimension: string) => `STATS#${dimension}`,
  /** Sort-key bounds of the periods `from`..`to` (inclusive) in a dimension partition. */
  statsRange: (from: string, to: string) => ({ start: `${from}#`, end: `${to}#\uffff` }),
  /** How many people wait on one listing right now (only listings that ever had a waitlist). */
  waitlistGauge: (listingId: string): Key => ({ pk: "WAITLISTS", sk: listingId }),
  waitlistPartition: () => "WAITLISTS",
  /** Searches that found nothing: one counter per month (YYYY-MM) and normalized query text. */
  searchMiss: (month: string, q: string): Key => ({ pk: "SEARCH_MISS", sk: `${month}#${q}` }),
  searchMissPartition: () => "SEARCH_MISS",
  /** How many distinct miss texts a month holds (capped, so junk cannot grow the read without bound). */
  searchMissCap: (month: string): Key => ({ pk: "SEARCH_MISS_CAP", sk: month }),
  rankingAll: (by: "volunteer" | "branch") => `RANK#${by}#all`,
  rankingMonth: (by: "volunteer" | "branch", month: string) => `RANK#${by}#${month}`,
  /**
   * A ranking entry: a branch's all-time totals, or a volunteer's / branch's totals of
   * one month (YYYY-MM). A volunteer's all-time entry is their profile (keys.user).
   */
  rankEntry: (by: "volunteer" | "branch", period: string, id: string): Key => ({
    pk: `RANK#${by}#${period}#${id}`,
    sk: "RANK",
  }),
  /** Index attributes placing an entry in its ranking (gsi1 all time, gsi2 by month), most hours first. */
  rankingIndexes: (
    by: "volunteer" | "branch",
    period: string,
    hours: number,
    id: string,
  ): Record<string, string> =>
    period === "all"
      ? { gsi1pk: `RANK#${by}#all`, gsi1sk: sortKeys.hours(hours, id) }
      : { gsi2pk: `RANK#${by}#${period}`, gsi2sk: sortKeys.hours(hours, id) },
  // ----- photos (listing photos and volunteers' faces) -----
  photo: (id: string): Key => ({ pk: `PHOTO#${id}`, sk: "PHOTO" }),
};
