/**
 * What a volunteer sends to publish or edit a listing, and the listing rules (the
 * domain checks them too). Part of the HTTP contract's schemas, which
 * shared/schemas.ts gathers.
 */
import * as z from "zod/mini";
import { ERRORS } from "../errors.ts";
import { PhotoOrder } from "../photos.ts";
import { Schedule } from "../schedule.ts";
import {
  CategorySchema,
  Community,
  Kind,
  ListingStatus,
  MAX_CAPACITY,
  MAX_ON_DEMAND_CAPACITY,
  Mode,
  text,
} from "./common.ts";

/** A listing's start and end as sent: an ISO date-time with its offset. */
export const IsoDateTime = z.iso.datetime({ offset: true });

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
  );

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
  .check(z.refine((p) => Object.keys(p).length > 0, { message: "没有要修改的内容" }));

export type ListingPatch = z.infer<typeof ListingPatch>;
