/**
 * The one key builder: every pk/sk and GSI key in the table comes from here.
 * Each function names the access pattern it serves. Index names are those of
 * shared/table.ts.
 */
import { localDay } from "./clock.ts";
import type { IndexName } from "./table.ts";

export type Key = { pk: string; sk: string };

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
    /** Retention (issue 19.6): when it last moved, and whether its contact is already gone. */
    updatedAt?: string;
    anonymisedAt?: string | undefined;
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
      idx.gsi6pk = keys.startingOn(localDay(b.startsAt));
      idx.gsi6sk = `${b.startsAt}#${b.id}`;
    }
    // Retention (issue 19.6): a finished booking still holding contact waits under the month it finished (gsi4).
    if (!["requested", "accepted", "waitlisted"].includes(b.status) && b.updatedAt && !b.anonymisedAt) {
      idx.gsi4pk = keys.finishedIn(b.updatedAt.slice(0, 7));
      idx.gsi4sk = `${b.updatedAt}#${b.id}`;
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

  // ----- trust and safety (issue 19) -----
  /** How many live bookings one resident (an account, or a registered resident) holds: the cap's counter. */
  liveCount: (residentId: string): Key => ({ pk: `LIVECOUNT#${residentId}`, sk: "LIVECOUNT" }),
  /** One live seat per phone per listing or session: a guard item, present while the booking is live. */
  phoneGuard: (scope: string, phone: string): Key => ({ pk: `LISTING#${scope}`, sk: `PHONE#${phone}` }),
  /** How often a resident cancelled a seat within 2 h of its start (projected; shown to volunteers, never a ban). */
  lateCancels: (residentId: string): Key => ({ pk: `LATECANCEL#${residentId}`, sk: "COUNT" }),
  /** Finished bookings that still hold contact, by the UTC month (YYYY-MM) they finished in (gsi4): retention. */
  finishedIn: (month: string) => `FINISHED#${month}`,
  /** A volunteer's hours completed on one local day (YYYY-MM-DD): the daily cap's ledger, with a TTL. */
  volunteerHoursDay: (volunteerId: string, day: string): Key => ({
    pk: `HOURS#${volunteerId}`,
    sk: `DAY#${day}`,
  }),
  /** That an event's or session's hours already count toward the volunteer's day (once per seat scope). */
  volunteerHoursScope: (volunteerId: string, day: string, scope: string): Key => ({
    pk: `HOURS#${volunteerId}`,
    sk: `DAY#${day}#${scope}`,
  }),

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

  // ----- needs (群众点单) -----
  need: (id: string): Key => ({ pk: `NEED#${id}`, sk: "NEED" }),
  /** How many needs a resident holds open or claimed (at most 3): a counter kept in each need transaction. */
  activeNeeds: (residentId: string): Key => ({ pk: `NEEDER#${residentId}`, sk: "ACTIVE" }),
  /**
   * A need on its community's board (gsi1) and the district's (gsi2) by status, oldest first;
   * in its resident's list (gsi3) and, posted by a worker, the worker's (gsi5), newest first.
   */
  needIndexes(n: {
    id: string;
    community: string;
    status: string;
    createdAt: string;
    residentId: string;
    bookedBy?: { id: string } | undefined;
    hidden?: boolean | undefined;
  }): Record<string, string> {
    const at = `${n.createdAt}#${n.id}`;
    const status = n.hidden ? "hidden" : n.status;
    return {
      gsi1pk: keys.communityNeeds(n.community, status),
      gsi1sk: at,
      gsi2pk: keys.districtNeeds(status),
      gsi2sk: at,
      gsi3pk: keys.residentNeeds(n.residentId),
      gsi3sk: at,
      ...(n.bookedBy ? { gsi5pk: keys.staffNeeds(n.bookedBy.id), gsi5sk: at } : {}),
    };
  },
  communityNeeds: (community: string, status: string) => `NEEDS#${community}#${status}`,
  districtNeeds: (status: string) => `NEEDS#${status}`,
  residentNeeds: (residentId: string) => `NEEDER#${residentId}`,
  staffNeeds: (staffId: string) => `NEEDSBY#${staffId}`,
  /** The need's seat scope for its booking's live guard (a need booking holds no listing's seat). */
  needScope: (needId: string) => `NEED@${needId}`,
  // ----- search in residents' words (issue 15): the in-memory index's items -----
  /** One published listing's search document; the partition holds them all (loaded whole). */
  searchDoc: (listingId: string): Key => ({ pk: "SEARCH_DOC", sk: listingId }),
  searchDocPartition: () => "SEARCH_DOC",
  /** A change of a search document, by the time it was written: caches read what is newer. */
  searchChange: (at: string, listingId: string): Key => ({ pk: "SEARCH_CHANGE", sk: `${at}#${listingId}` }),
  searchChangePartition: () => "SEARCH_CHANGE",
  // ----- trust and safety: proven phones, codes, opt-outs, text counts -----
  /** A one-time code to prove `phone`, for one purpose and owner (an account id, or `-` on the opt-out page). */
  phoneCode: (phone: string, purpose: "prove" | "optout", owner: string): Key => ({
    pk: `PHONECODE#${phone}`,
    sk: `${purpose}#${owner}`,
  }),
  /** A family number an account proved with a code: a booking to it may be texted. */
  provenPhone: (userId: string, phone: string): Key => ({ pk: `USER#${userId}`, sk: `PHONE#${phone}` }),
  /** A number whose owner opted out (a reply of T, or the opt-out page): it gets no text of any kind. */
  optOut: (phone: string): Key => ({ pk: `OPTOUT#${phone}`, sk: "OPTOUT" }),
  /** How many texts (or codes) went to one number or for one account on one district day. */
  smsCount: (scope: "number" | "account" | "codeNumber" | "codeAccount", id: string, day: string): Key => ({
    pk: `SMSCOUNT#${scope}#${id}`,
    sk: day,
  }),
  // ----- photos (listing photos and volunteers' faces) -----
  photo: (id: string): Key => ({ pk: `PHOTO#${id}`, sk: "PHOTO" }),
};
