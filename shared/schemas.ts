/**
 * The zod schemas of the HTTP contract (API.md), each beside its inferred type.
 * Handlers validate with them, GET /api/openapi.json is generated from them and the
 * storefront imports the types.
 */
import * as z from "zod/mini";
import { CATEGORY_SLUGS } from "./categories.ts";
import { ApiError, ERRORS } from "./errors.ts";
import { FacePhoto, Photo, PhotoOrder } from "./photos.ts";
import { ROLES } from "./roles.ts";
import { Day, Schedule, Session } from "./sessions.ts";

/** Trimmed text with a length in characters (code points), not UTF-16 units. */
// @__NO_SIDE_EFFECTS__
export const text = (min: number, max: number) =>
  z
    .pipe(
      z.string(),
      z.transform((s) => s.trim()),
    )
    .check(
      z.refine((s) => [...s].length >= min, { message: `至少 ${min} 个字` }),
      z.refine((s) => [...s].length <= max, { message: `最多 ${max} 个字` }),
    );

/** An event's seats at most (a district health-check day), and an on-demand offer's open requests. */
export const MAX_CAPACITY = 2000;
export const MAX_ON_DEMAND_CAPACITY = 500;

export const Id = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, "无效的编号"));
export const CategorySchema = z.enum(CATEGORY_SLUGS).register(z.globalRegistry, { id: "Category" });
export const Kind = z.enum(["on_demand", "event"]);
export const Mode = z.enum(["door", "venue", "online"]);
export const ListingStatus = z.enum(["draft", "published", "paused", "closed"]);
export const Role = z.enum(ROLES);
export const Community = text(2, 30);
export const IsoDateTime = z.iso.datetime({ offset: true });

export type Kind = z.infer<typeof Kind>;
export type Mode = z.infer<typeof Mode>;
export type ListingStatus = z.infer<typeof ListingStatus>;
export type Role = z.infer<typeof Role>;

/**
 * The listing rules, once: the listing schemas below check them on input, and the
 * domain (functions/domain/listings.ts) on a listing as a patch leaves it.
 */
export const LISTING_RULES = {
  title: { min: 2, max: 60 },
  description: { max: 2000 },
  capacity: { min: 1, max: MAX_CAPACITY, maxOnDemand: MAX_ON_DEMAND_CAPACITY },
} as const;
type Timing = { kind: Kind; startsAt?: string | null; endsAt?: string | null; schedule?: unknown };
/** An event needs a start: its own, or its schedule's sessions'. */
export const eventHasStart = (l: Timing) => l.kind !== "event" || Boolean(l.startsAt) || l.schedule != null;
/** An end, where there is one, comes after the start. */
export const endsAfterStart = (l: Timing) => !l.startsAt || !l.endsAt || l.endsAt > l.startsAt;
const ListingTitle = text(LISTING_RULES.title.min, LISTING_RULES.title.max);
const ListingDescription = text(0, LISTING_RULES.description.max);
const Capacity = z.int().check(z.gte(LISTING_RULES.capacity.min), z.lte(LISTING_RULES.capacity.max));
/** Where a 到场 service happens (journeys: the slip and the service page say it): 大关西苑社区服务站 2 楼. */
const ListingPlace = text(0, 60);

// ---------- Listings ----------
export const ListingInput = z
  .strictObject({
    title: ListingTitle,
    description: ListingDescription,
    category: CategorySchema,
    kind: Kind,
    community: Community,
    mode: Mode,
    capacity: Capacity,
    startsAt: z.optional(IsoDateTime),
    endsAt: z.optional(IsoDateTime),
    status: z._default(z.enum(["draft", "published"]), "published"),
    /** A recurring event: its sessions each hold `schedule.capacity` seats. */
    schedule: z.optional(Schedule),
    // journeys: the venue's address
    place: z.optional(ListingPlace),
  })
  .check(
    z.refine(eventHasStart, {
      message: ERRORS.EVENT_NEEDS_START.message,
      path: ["startsAt"],
    }),
    z.refine((l) => l.schedule === undefined || l.kind === "event", {
      message: "只有活动类服务可以按周期举办",
      path: ["schedule"],
    }),
    z.refine((l) => l.kind === "event" || l.capacity <= LISTING_RULES.capacity.maxOnDemand, {
      message: `上门等随时预约的服务同时最多 ${LISTING_RULES.capacity.maxOnDemand} 人`,
      path: ["capacity"],
    }),
    z.refine(endsAfterStart, {
      message: ERRORS.INVALID_TIME_RANGE.message,
      path: ["endsAt"],
    }),
  )
  .register(z.globalRegistry, { id: "ListingInput" });
export type ListingInput = z.infer<typeof ListingInput>;

export const ListingPatch = z
  .partial(
    z.strictObject({
      title: ListingTitle,
      description: ListingDescription,
      category: CategorySchema,
      community: Community,
      mode: Mode,
      capacity: Capacity,
      startsAt: z.nullable(IsoDateTime),
      endsAt: z.nullable(IsoDateTime),
      status: ListingStatus,
      /** A new schedule changes future sessions only; a booked one is kept (cancel it explicitly). */
      schedule: Schedule,
      // journeys: the venue's address
      place: ListingPlace,
      /** Listing photos: every processed photo, reordered, with its alt text (photos feature). */
      photos: PhotoOrder,
    }),
  )
  .check(z.refine((p) => Object.keys(p).length > 0, { message: "没有要修改的内容" }))
  .register(z.globalRegistry, { id: "ListingPatch" });
export type ListingPatch = z.infer<typeof ListingPatch>;

export const Listing = z
  .object({
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
  })
  .register(z.globalRegistry, { id: "Listing" });
export type Listing = z.infer<typeof Listing>;

export const Sort = z.enum(["new", "rating", "popular"]);
export type Sort = z.infer<typeof Sort>;

export const Limit = z.coerce.number().check(z.int(), z.gte(1), z.lte(50));
export const Cursor = z.string().check(z.maxLength(2048));

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

// @__NO_SIDE_EFFECTS__
export const Page = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) });
/** A whole list in one answer (no cursor). */
// @__NO_SIDE_EFFECTS__
export const Items = <T extends z.ZodMiniType>(item: T) => z.object({ items: z.array(item) });

export const CommunityCount = z.object({
  name: z.string(),
  listingCount: z.int(),
  /** Its 居委会's phone, once a community worker has set it (PUT /api/staff/community). */
  phone: z.optional(z.string()),
});
export type CommunityCount = z.infer<typeof CommunityCount>;
export const CategoryCount = z.object({ slug: CategorySchema, name: z.string(), listingCount: z.int() });

export const VolunteerProfile = z
  .object({
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
  })
  .register(z.globalRegistry, { id: "VolunteerProfile" });
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

// ---------- Bookings ----------
export const BookingStatus = z.enum([
  "requested",
  "accepted",
  "completed",
  "waitlisted",
  "declined",
  "cancelled",
  "expired",
  /** 居民未到: the volunteer came (or waited) and the resident did not. */
  "no_show",
]);
export type BookingStatus = z.infer<typeof BookingStatus>;

/** Mainland mobile or landline; spaces and dashes are allowed and removed. */
export const Phone = z.pipe(
  z.pipe(
    z.string(),
    z.transform((s) => s.replace(/[\s-]/g, "")),
  ),
  z.string().check(z.regex(/^(1[3-9]\d{9}|0\d{9,11})$/, "请填写正确的电话号码")),
);

/**
 * A resident's own body carries her phone; a community worker's carries `onBehalfOf`
 * instead, and the registry's phone and address are used (bookings and needs alike).
 */
// @__NO_SIDE_EFFECTS__
export function onBehalfOfRule(act: string) {
  return (
    b: { onBehalfOf?: string | undefined; phone?: string | undefined; address?: string | undefined },
    ctx: z.core.$RefinementCtx,
  ) => {
    if (b.onBehalfOf === undefined && b.phone === undefined)
      ctx.addIssue({ code: "custom", path: ["phone"], message: "请填写电话号码" });
    if (b.onBehalfOf !== undefined)
      for (const k of ["phone", "address"] as const)
        if (b[k] !== undefined)
          ctx.addIssue({ code: "custom", path: [k], message: `代居民${act}时使用登记的电话和地址` });
  };
}

export const BookingInput = z
  .strictObject({
    /** The phone texts go to (the resident's own, or a family member's: 为家人预约). Required unless onBehalfOf. */
    phone: z.optional(Phone),
    address: z.optional(text(0, 120)),
    preferredTime: z.optional(text(0, 60)),
    note: z.optional(text(0, 300)),
    /** The session booked, on a scheduled listing (required there). */
    sessionId: z.optional(z.string().check(z.regex(/^\d{8}-\d{4}$/, "无效的场次"))),
    /** A community worker books for this registered resident; phone and address are the registry's. */
    onBehalfOf: z.optional(Id),
  })
  .check(z.superRefine(onBehalfOfRule("预约")))
  .register(z.globalRegistry, { id: "BookingInput" });
export type BookingInput = z.infer<typeof BookingInput>;

export const Booking = z
  .object({
    id: z.string(),
    listingId: z.string(),
    listingTitle: z.string(),
    /** The session booked and its start, on a scheduled listing. */
    sessionId: z.optional(z.string()),
    startsAt: z.optional(z.string()),
    residentId: z.string(),
    residentName: z.optional(z.string()),
    volunteerId: z.string(),
    status: BookingStatus,
    waitlistPosition: z.optional(z.int()),
    note: z.string(),
    phone: z.string(),
    address: z.string(),
    preferredTime: z.string(),
    hours: z.optional(z.number()),
    /** When the request reached the API: orders the waitlist (first come, first served). */
    createdAt: z.string(),
    acceptedAt: z.optional(z.string()),
    completedAt: z.optional(z.string()),
    cancelledAt: z.optional(z.string()),
    declinedAt: z.optional(z.string()),
    expiredAt: z.optional(z.string()),
    promotedAt: z.optional(z.string()),
    noShowAt: z.optional(z.string()),
    declineReason: z.optional(z.string()),
    completionCode: z.optional(z.string()),
    reviewed: z.optional(z.boolean()),
    /** Needs (群众点单): the need this booking serves (a claimed need has no listing: listingId is ""). */
    needId: z.optional(z.string()),
    /** Made by a community worker on the resident's behalf. */
    bookedBy: z.optional(
      z.object({
        id: z.string(),
        name: z.string(),
        role: z.literal("staff"),
        /** The worker's community (bookings made before it was recorded have none). */
        community: z.optional(z.string()),
      }),
    ),
    /**
     * Trust and safety (issue 19.4), to the volunteer only: how many seats this resident
     * gave back within 2 h of the start. Shown on the card; it never stops a booking.
     */
    residentLateCancels: z.optional(z.int()),
    // journeys: what the community worker wrote when registering the resident (耳背，独居…);
    // to the volunteer once accepted, like the address
    residentNote: z.optional(z.string()),
  })
  .register(z.globalRegistry, { id: "Booking" });
export type Booking = z.infer<typeof Booking>;

/**
 * The 居委会 of a booking, whose phone the slip and the family page give: the
 * community of the worker who made it, else the booking's (its listing's) community.
 */
export const committeeOf = (b: {
  bookedBy?: { community?: string | undefined } | undefined;
  community: string;
}): string => b.bookedBy?.community ?? b.community;

/** A session's roster for its volunteer: the listing's title, the session, its bookings in arrival order (contact masked until revealed). */
export const Roster = z
  .object({ listingTitle: z.string(), session: Session, items: z.array(Booking) })
  .register(z.globalRegistry, { id: "Roster" });
export type Roster = z.infer<typeof Roster>;

/** GET /api/calendar: a community's sessions and events, day by day (two weeks by default). */
export const CalendarQuery = z.object({
  community: z.string().check(z.trim(), z.minLength(2), z.maxLength(30)),
  from: z.optional(Day),
  to: z.optional(Day),
});
export type CalendarQuery = z.infer<typeof CalendarQuery>;

export const CalendarItem = z
  .object({
    listingId: z.string(),
    title: z.string(),
    category: CategorySchema,
    mode: Mode,
    volunteerName: z.string(),
    /** Absent for a one-off event. */
    sessionId: z.optional(z.string()),
    startsAt: z.string(),
    endsAt: z.optional(z.string()),
    capacity: z.int(),
    seatsTaken: z.int(),
    waitlistCount: z.int(),
  })
  .register(z.globalRegistry, { id: "CalendarItem" });
export type CalendarItem = z.infer<typeof CalendarItem>;

export const CalendarList = z.object({ from: z.string(), to: z.string(), items: z.array(CalendarItem) });

export const Hours = z.number().check(
  z.gte(0.5),
  z.lte(12),
  z.refine((h) => Number.isInteger(h * 2), { message: "时长以半小时为单位" }),
);

export const DeclineInput = z.strictObject({ reason: text(1, 200) });
export const CompleteInput = z.strictObject({
  hours: Hours,
  code: z.string().check(z.regex(/^\d{6}$/, "核销码是 6 位数字")),
});
export const ConfirmInput = z.strictObject({ hours: z.optional(Hours) });
export const BookingStatusQuery = z.object({ status: z.optional(BookingStatus), cursor: z.optional(Cursor) });

// ---------- Reviews ----------
export const ReviewInput = z
  .strictObject({ stars: z.int().check(z.gte(1), z.lte(5)), comment: z.optional(text(0, 500)) })
  .register(z.globalRegistry, { id: "ReviewInput" });
export const ReplyInput = z.strictObject({ text: text(1, 500) });
export const HideInput = z.partial(z.strictObject({ reason: text(1, 200) }));
export const PauseInput = z.strictObject({ reason: text(1, 200) });

export const Review = z
  .object({
    id: z.string(),
    bookingId: z.string(),
    listingId: z.string(),
    listingTitle: z.optional(z.string()),
    volunteerId: z.string(),
    residentName: z.string(),
    stars: z.int(),
    comment: z.string(),
    reply: z.optional(z.string()),
    repliedAt: z.optional(z.string()),
    hidden: z.optional(z.boolean()),
    createdAt: z.string(),
  })
  .register(z.globalRegistry, { id: "Review" });
export type Review = z.infer<typeof Review>;

export const CursorQuery = z.object({ cursor: z.optional(Cursor) });

// ---------- Me ----------
export const Me = z.object({
  id: z.string(),
  name: z.string(),
  role: Role,
  phone: z.optional(z.string()),
  community: z.optional(z.string()),
  branch: z.optional(z.string()),
  /** Texts (SMS) about my bookings: on unless turned off. */
  sms: z.optional(z.boolean()),
});
export type Me = z.infer<typeof Me>;

export const MeUpdate = z
  .partial(z.strictObject({ name: text(1, 30), phone: Phone, community: Community, sms: z.boolean() }))
  .check(z.refine((p) => Object.keys(p).length > 0, { message: "没有要修改的内容" }));

export const Notification = z.object({
  id: z.string(),
  type: z.string(),
  bookingId: z.string(),
  listingTitle: z.string(),
  text: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
});
export type Notification = z.infer<typeof Notification>;

// ---------- Admin ----------
export const StatsQuery = z.object({ from: z.optional(Day), to: z.optional(Day) });

// ---------- Errors ----------
/** The API error body, defined with the codes in shared/errors.ts. */
export const ErrorBody = ApiError;
export type ErrorBody = ApiError;

export const IdParams = z.strictObject({ id: Id });
export const NoQuery = z.object({});

// ---------- Added routes ----------
export const Health = z.object({ status: z.literal("ok") });

/** A volunteer's revealed contact for an accepted booking (each reveal is audited). */
export const Contact = z.object({ bookingId: z.string(), phone: z.string(), address: z.string() });

export const ContactRead = z.object({
  id: z.string(),
  volunteerId: z.string(),
  bookingId: z.string(),
  at: z.string(),
  /** How the volunteer saw it: `reveal` (POST /api/bookings/{id}/contact), `accept` or `complete`. */
  via: z.optional(z.string()),
});

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
export const Stats = z
  .object({
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
  })
  .register(z.globalRegistry, { id: "Stats" });
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

// ---------- Sharing a booking with family (API.md v1.1 "Sharing a booking with family") ----------
/** A share key: 128 random bits as base64url, 22 characters. */
export const ShareKey = z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/, "无效的链接"));

/** The storefront page a shared booking opens at (short: it goes into a printed QR code). */
export const sharedBookingPath = (id: string, k: string) =>
  `/b/?id=${encodeURIComponent(id)}&k=${encodeURIComponent(k)}`;

/** POST /api/bookings/{id}/share: the link for family, the same every time it is asked for. */
export const BookingShare = z
  .object({
    /** Storefront path with the booking id and its share key (`/b/?id=…&k=…`). */
    path: z.string(),
  })
  .register(z.globalRegistry, { id: "BookingShare" });
export type BookingShare = z.infer<typeof BookingShare>;

/** GET /api/shared/bookings/{id}?k=: a missing key is answered as a wrong one (404). */
export const SharedBookingQuery = z.object({ k: z.optional(ShareKey) });

/**
 * What a family member's phone sees of a booking: the service, when, where, who
 * comes and how it stands. No phone, address, note, 核销码 nor anyone's id; the
 * resident's name masked (`王**`).
 */
export const SharedBooking = z
  .object({
    listingId: z.string(),
    listingTitle: z.string(),
    category: CategorySchema,
    status: BookingStatus,
    sessionId: z.optional(z.string()),
    startsAt: z.optional(z.string()),
    endsAt: z.optional(z.string()),
    preferredTime: z.string(),
    community: z.string(),
    volunteerName: z.string(),
    waitlistPosition: z.optional(z.int()),
    residentName: z.string(),
    /** The phone of the booking's 居委会 (committeeOf), when one is set. */
    committeePhone: z.optional(z.string()),
  })
  .register(z.globalRegistry, { id: "SharedBooking" });
export type SharedBooking = z.infer<typeof SharedBooking>;

// ---------- Search in residents' words (issue 15) ----------
export const SuggestQuery = z.object({ q: text(1, 30) });
export const Suggestion = z
  .object({
    text: z.string(),
    kind: z.enum(["listing", "category", "word"]),
    /** The category: of a category, of a word's group, of a listing. */
    slug: z.optional(CategorySchema),
    /** The listing's id. */
    id: z.optional(z.string()),
  })
  .register(z.globalRegistry, { id: "Suggestion" });
export type Suggestion = z.infer<typeof Suggestion>;
export const Suggestions = z.object({ items: z.array(Suggestion).check(z.maxLength(8)) });
