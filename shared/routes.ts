/**
 * The route table: one named constant per route (its name is the route's OpenAPI
 * operationId: `bookings/create` → `bookingsCreate`), and ROUTES, the one array of
 * them. The storefront imports the routes it calls one by one, so a page's bundle
 * holds only their schemas (web/src/lib/client.ts). CDK builds the HTTP API routes, functions
 * and grants from it (infra/api.ts); the local API Gateway emulation dispatches
 * from it (infra/local/apigw.ts); each handler reads its own access rule from it,
 * and its reply is typed by the route's response schema (functions/lib/http.ts).
 *
 * `handler` names the module `functions/<handler>.ts`, which exports `handler`.
 * `access`: who may call it. `public` needs no token; `user` any signed-in role;
 * `resident` / `volunteer` / `admin` that role; `owner` any signed-in role, and
 * the domain then checks that the caller owns the resource (403 otherwise).
 * GET routes get read-only table rights; every other method read/write.
 * The schemas given here validate requests in the handler wrapper and make the
 * OpenAPI document.
 */
import type * as z from "zod/mini";
// Search in residents' words (issue 15).
import {
  AssignInput,
  MyNeedsQuery,
  Need,
  NeedClaim,
  NeedHideInput,
  NeedInput,
  NeedQuery,
  ReleaseInput,
} from "./needs.ts";
import { ListingPhotoParams, PhotoHideInput, PhotoParams, PhotoUpload, PhotoUploadInput } from "./photos.ts";
import {
  Booking,
  BookingInput,
  BookingShare,
  BookingStatusQuery,
  CalendarList,
  CalendarQuery,
  CategoryCount,
  Certificate,
  CommunityCount,
  CompleteInput,
  ConfirmInput,
  Contact,
  ContactRead,
  CursorQuery,
  DeclineInput,
  Health,
  HideInput,
  Items,
  Listing,
  ListingInput,
  ListingPatch,
  ListingQuery,
  Me,
  MeUpdate,
  Notification,
  Page,
  PauseInput,
  RankingItem,
  RankingQuery,
  ReplyInput,
  Review,
  ReviewInput,
  Roster,
  SearchMiss,
  SharedBooking,
  SharedBookingQuery,
  Shop,
  Stats,
  StatsQuery,
  Suggestions,
  SuggestQuery,
} from "./schemas.ts";
import { Session, SessionCancelInput, SessionList, SessionParams, SessionsQuery } from "./sessions.ts";
import {
  CommunityPhone,
  CommunityPhoneInput,
  RegisteredResident,
  ResidentInput,
  ResidentQuery,
  StaffBookingQuery,
} from "./staff.ts";
// Trust and safety (issue 19)
import { CodeSent, OptedOut, PhoneCodeInput, PhoneInput, ProvenPhone } from "./trust.ts";

/**
 * `booker`: a resident for themselves, or a community worker (`staff`) for a resident of their community.
 * `board`: who may see the need board (群众点单): volunteers, community workers and admins.
 */
export type Access =
  | "public"
  | "user"
  | "resident"
  | "volunteer"
  | "admin"
  | "staff"
  | "booker"
  | "owner"
  | "board";
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface Route {
  readonly method: Method;
  readonly path: string;
  readonly handler: string;
  readonly access: Access;
  readonly summary: string;
  /** Request body, query and response schemas. */
  readonly body?: z.ZodMiniType;
  /** Path parameters, where a path has more than `{id}` (which is checked by default). */
  readonly params?: z.ZodMiniType;
  readonly query?: z.ZodMiniType;
  readonly response?: z.ZodMiniType;
  /** Success status, 200 unless given. */
  readonly status?: number;
}

export const health = {
  method: "GET",
  path: "/api/health",
  handler: "health",
  access: "public",
  summary: "Liveness and database reachability",
  response: Health,
} as const satisfies Route;

export const openapi = {
  method: "GET",
  path: "/api/openapi.json",
  handler: "openapi",
  access: "public",
  summary: "This API as OpenAPI 3.1",
} as const satisfies Route;

export const categoriesList = {
  method: "GET",
  path: "/api/categories",
  handler: "categories/list",
  access: "public",
  summary: "The 8 categories with live listing counts",
  response: Items(CategoryCount),
} as const satisfies Route;

export const communitiesList = {
  method: "GET",
  path: "/api/communities",
  handler: "communities/list",
  access: "public",
  summary: "Communities with their live listing counts and 居委会 phones",
  response: Page(CommunityCount),
} as const satisfies Route;

export const listingsList = {
  method: "GET",
  path: "/api/listings",
  handler: "listings/list",
  access: "public",
  summary: "Browse and search published listings",
  query: ListingQuery,
  response: Page(Listing),
} as const satisfies Route;

export const listingsCreate = {
  method: "POST",
  path: "/api/listings",
  handler: "listings/create",
  access: "volunteer",
  summary: "Publish a listing",
  body: ListingInput,
  response: Listing,
  status: 201,
} as const satisfies Route;

export const listingsGet = {
  method: "GET",
  path: "/api/listings/{id}",
  handler: "listings/get",
  access: "public",
  summary: "One listing",
  response: Listing,
} as const satisfies Route;

export const listingsUpdate = {
  method: "PATCH",
  path: "/api/listings/{id}",
  handler: "listings/update",
  access: "owner",
  summary: "Edit, pause or close my listing",
  body: ListingPatch,
  response: Listing,
} as const satisfies Route;

export const reviewsList = {
  method: "GET",
  path: "/api/listings/{id}/reviews",
  handler: "reviews/list",
  access: "public",
  summary: "A listing's reviews, newest first",
  query: CursorQuery,
  response: Page(Review),
} as const satisfies Route;

export const bookingsCreate = {
  method: "POST",
  path: "/api/listings/{id}/bookings",
  handler: "bookings/create",
  access: "booker",
  summary: "加入该项目: join a listing",
  body: BookingInput,
  response: Booking,
  status: 201,
} as const satisfies Route;

export const listingsSessions = {
  method: "GET",
  path: "/api/listings/{id}/sessions",
  handler: "listings/sessions",
  access: "public",
  summary: "A scheduled listing's sessions, with seats left (upcoming 8 weeks by default)",
  query: SessionsQuery,
  response: SessionList,
} as const satisfies Route;

export const listingsRoster = {
  method: "GET",
  path: "/api/listings/{id}/sessions/{sessionId}/roster",
  handler: "listings/roster",
  access: "volunteer",
  summary: "A session's roster for its volunteer, in arrival order",
  params: SessionParams,
  response: Roster,
} as const satisfies Route;

export const calendarList = {
  method: "GET",
  path: "/api/calendar",
  handler: "calendar/list",
  access: "public",
  summary: "A community's sessions and events, day by day (two weeks by default)",
  query: CalendarQuery,
  response: CalendarList,
} as const satisfies Route;

export const listingsCancelSession = {
  method: "POST",
  path: "/api/listings/{id}/sessions/{sessionId}/cancel",
  handler: "listings/cancel-session",
  access: "volunteer",
  summary: "Cancel one session of my listing, with a reason; its bookings are cancelled",
  params: SessionParams,
  body: SessionCancelInput,
  response: Session,
} as const satisfies Route;

export const searchesMiss = {
  method: "POST",
  path: "/api/searches/misses",
  handler: "searches/miss",
  access: "public",
  summary: "Record a search that found nothing (unmet demand)",
  body: SearchMiss,
  status: 204,
} as const satisfies Route;

export const volunteersGet = {
  method: "GET",
  path: "/api/volunteers/{id}",
  handler: "volunteers/get",
  access: "public",
  summary: "A volunteer's public shop",
  response: Shop,
} as const satisfies Route;

export const rankingsList = {
  method: "GET",
  path: "/api/rankings",
  handler: "rankings/list",
  access: "public",
  summary: "Volunteers or branches by hours served",
  query: RankingQuery,
  response: Page(RankingItem),
} as const satisfies Route;

export const volunteerListings = {
  method: "GET",
  path: "/api/volunteer/listings",
  handler: "volunteer/listings",
  access: "volunteer",
  summary: "All my listings, drafts included",
  response: Page(Listing),
} as const satisfies Route;

export const volunteerBookings = {
  method: "GET",
  path: "/api/volunteer/bookings",
  handler: "volunteer/bookings",
  access: "volunteer",
  summary: "Bookings on my listings, newest first",
  query: BookingStatusQuery,
  response: Page(Booking),
} as const satisfies Route;

export const volunteerCertificate = {
  method: "GET",
  path: "/api/volunteer/certificate",
  handler: "volunteer/certificate",
  access: "volunteer",
  summary: "My volunteer service record",
  response: Certificate,
} as const satisfies Route;

export const bookingsGet = {
  method: "GET",
  path: "/api/bookings/{id}",
  handler: "bookings/get",
  access: "owner",
  summary: "One booking (its resident or volunteer)",
  response: Booking,
} as const satisfies Route;

export const bookingsCalendar = {
  method: "GET",
  path: "/api/bookings/{id}/calendar.ics",
  handler: "bookings/calendar",
  access: "booker",
  summary: "My booking (or, a community worker, one I made) as an iCalendar file (加到手机日历)",
} as const satisfies Route;

export const bookingsShare = {
  method: "POST",
  path: "/api/bookings/{id}/share",
  handler: "bookings/share",
  access: "booker",
  summary:
    "给家人看: a read-only link to my booking (or, a community worker, one I made); the same link every time",
  response: BookingShare,
} as const satisfies Route;

export const bookingsUnshare = {
  method: "DELETE",
  path: "/api/bookings/{id}/share",
  handler: "bookings/unshare",
  access: "booker",
  summary: "停止分享: the link given to family opens nothing any more; sharing again gives a new one",
  status: 204,
} as const satisfies Route;

export const bookingsShared = {
  method: "GET",
  path: "/api/shared/bookings/{id}",
  handler: "bookings/shared",
  access: "public",
  summary:
    "A booking as its share link shows it to family (no contact, no 核销码); any wrong key or id is one 404",
  query: SharedBookingQuery,
  response: SharedBooking,
} as const satisfies Route;

export const bookingsSharedCalendar = {
  method: "GET",
  path: "/api/shared/bookings/{id}/calendar.ics",
  handler: "bookings/shared-calendar",
  access: "public",
  summary:
    "The shared booking as an iCalendar file for a family member's phone (no address, no 核销码); any wrong key or id is one 404",
  query: SharedBookingQuery,
} as const satisfies Route;

export const bookingsAccept = {
  method: "POST",
  path: "/api/bookings/{id}/accept",
  handler: "bookings/accept",
  access: "volunteer",
  summary: "Accept a request",
  response: Booking,
} as const satisfies Route;

export const bookingsDecline = {
  method: "POST",
  path: "/api/bookings/{id}/decline",
  handler: "bookings/decline",
  access: "volunteer",
  summary: "Decline a request with a reason",
  body: DeclineInput,
  response: Booking,
} as const satisfies Route;

export const bookingsComplete = {
  method: "POST",
  path: "/api/bookings/{id}/complete",
  handler: "bookings/complete",
  access: "volunteer",
  summary: "Complete with hours and the resident's code",
  body: CompleteInput,
  response: Booking,
} as const satisfies Route;

export const bookingsNoShow = {
  method: "POST",
  path: "/api/bookings/{id}/no-show",
  handler: "bookings/no-show",
  access: "volunteer",
  summary: "Mark an accepted booking whose time has come 居民未到 (no-show)",
  response: Booking,
} as const satisfies Route;

export const bookingsContact = {
  method: "POST",
  path: "/api/bookings/{id}/contact",
  handler: "bookings/contact",
  access: "volunteer",
  summary: "Reveal an accepted booking's contact (audited)",
  response: Contact,
} as const satisfies Route;

export const bookingsCancel = {
  method: "POST",
  path: "/api/bookings/{id}/cancel",
  handler: "bookings/cancel",
  access: "booker",
  summary: "Cancel my booking (or, a community worker, one I made)",
  response: Booking,
} as const satisfies Route;

export const bookingsConfirm = {
  method: "POST",
  path: "/api/bookings/{id}/confirm",
  handler: "bookings/confirm",
  access: "booker",
  summary: "Confirm my booking was served (or, a community worker, one I made)",
  body: ConfirmInput,
  response: Booking,
} as const satisfies Route;

export const reviewsCreate = {
  method: "POST",
  path: "/api/bookings/{id}/review",
  handler: "reviews/create",
  access: "resident",
  summary: "Rate a completed booking",
  body: ReviewInput,
  response: Review,
  status: 201,
} as const satisfies Route;

export const reviewsReply = {
  method: "POST",
  path: "/api/reviews/{id}/reply",
  handler: "reviews/reply",
  access: "volunteer",
  summary: "Reply once to a review",
  body: ReplyInput,
  response: Review,
} as const satisfies Route;

export const meGet = {
  method: "GET",
  path: "/api/me",
  handler: "me/get",
  access: "user",
  summary: "Who I am",
  response: Me,
} as const satisfies Route;

export const meUpdate = {
  method: "PUT",
  path: "/api/me",
  handler: "me/update",
  access: "user",
  summary: "Update my name, phone, community",
  body: MeUpdate,
  response: Me,
} as const satisfies Route;

export const meBookings = {
  method: "GET",
  path: "/api/me/bookings",
  handler: "me/bookings",
  access: "resident",
  summary: "My bookings",
  query: BookingStatusQuery,
  response: Page(Booking),
} as const satisfies Route;

export const meNotifications = {
  method: "GET",
  path: "/api/me/notifications",
  handler: "me/notifications",
  access: "user",
  summary: "My notifications",
  query: CursorQuery,
  response: Page(Notification),
} as const satisfies Route;

export const meNotificationsRead = {
  method: "POST",
  path: "/api/me/notifications/read",
  handler: "me/notifications-read",
  access: "user",
  summary: "Mark all read",
  status: 204,
} as const satisfies Route;

export const staffRegisterResident = {
  method: "POST",
  path: "/api/staff/residents",
  handler: "staff/register-resident",
  access: "staff",
  summary: "Register a resident without an account, in my community, with their consent",
  body: ResidentInput,
  response: RegisteredResident,
  status: 201,
} as const satisfies Route;

export const staffResidents = {
  method: "GET",
  path: "/api/staff/residents",
  handler: "staff/residents",
  access: "staff",
  summary: "Find my community's registered residents by name or the phone's last 4 digits",
  query: ResidentQuery,
  response: Page(RegisteredResident),
} as const satisfies Route;

export const staffBookings = {
  method: "GET",
  path: "/api/staff/bookings",
  handler: "staff/bookings",
  access: "staff",
  summary: "Bookings I made for residents, with their 核销码",
  query: StaffBookingQuery,
  response: Page(Booking),
} as const satisfies Route;

export const staffCommunity = {
  method: "PUT",
  path: "/api/staff/community",
  handler: "staff/community",
  access: "staff",
  summary: "Set my community's 居委会 phone (on every desk's slip and the family page)",
  body: CommunityPhoneInput,
  response: CommunityPhone,
} as const satisfies Route;

export const adminStats = {
  method: "GET",
  path: "/api/admin/stats",
  handler: "admin/stats",
  access: "admin",
  summary: "Fulfilment dashboard",
  query: StatsQuery,
  response: Stats,
} as const satisfies Route;

export const adminStatsCsv = {
  method: "GET",
  path: "/api/admin/stats.csv",
  handler: "admin/stats-csv",
  access: "admin",
  summary: "Fulfilment dashboard as CSV",
  query: StatsQuery,
} as const satisfies Route;

export const adminContactReads = {
  method: "GET",
  path: "/api/admin/contact-reads",
  handler: "admin/contact-reads",
  access: "admin",
  summary: "Audit of contact reveals",
  query: CursorQuery,
  response: Page(ContactRead),
} as const satisfies Route;

export const adminHideReview = {
  method: "POST",
  path: "/api/admin/reviews/{id}/hide",
  handler: "admin/hide-review",
  access: "admin",
  summary: "Hide an abusive review",
  body: HideInput,
  response: Review,
} as const satisfies Route;

export const adminPauseListing = {
  method: "POST",
  path: "/api/admin/listings/{id}/pause",
  handler: "admin/pause-listing",
  access: "admin",
  summary: "Pause a listing, with a reason",
  body: PauseInput,
  response: Listing,
} as const satisfies Route;

// ----- photos: listing photos and volunteers' faces (API.md v1.2 "Photos") -----
export const listingsPhotoUpload = {
  method: "POST",
  path: "/api/listings/{id}/photos",
  handler: "listings/photo-upload",
  access: "owner",
  summary: "Ask to upload a photo of my listing (≤ 6, ≤ 8 MB): an S3 presigned POST",
  body: PhotoUploadInput,
  response: PhotoUpload,
  status: 201,
} as const satisfies Route;

export const listingsPhotoDelete = {
  method: "DELETE",
  path: "/api/listings/{id}/photos/{photoId}",
  handler: "listings/photo-delete",
  access: "owner",
  summary: "Delete a photo of my listing (removed from storage too)",
  params: ListingPhotoParams,
  status: 204,
} as const satisfies Route;

export const mePhoto = {
  method: "POST",
  path: "/api/me/photo",
  handler: "me/photo",
  access: "volunteer",
  summary: "Ask to upload my profile photo: an S3 presigned POST",
  body: PhotoUploadInput,
  response: PhotoUpload,
  status: 201,
} as const satisfies Route;

export const adminHidePhoto = {
  method: "POST",
  path: "/api/admin/photos/{photoId}/hide",
  handler: "admin/hide-photo",
  access: "admin",
  summary: "Hide any photo, with a reason (removed from storage; the owner is told)",
  params: PhotoParams,
  body: PhotoHideInput,
  status: 204,
} as const satisfies Route;

// ----- trust and safety (issue 19): texts only to proven phones, opt-out by the number -----
export const mePhones = {
  method: "POST",
  path: "/api/me/phones",
  handler: "me/phones",
  access: "resident",
  summary: "Text a one-time code to a family number, to prove it for my bookings' texts",
  body: PhoneInput,
  response: CodeSent,
  status: 202,
} as const satisfies Route;

export const mePhonesVerify = {
  method: "POST",
  path: "/api/me/phones/verify",
  handler: "me/phones-verify",
  access: "resident",
  summary: "Prove a family number with the code texted to it",
  body: PhoneCodeInput,
  response: ProvenPhone,
} as const satisfies Route;

export const smsOptOut = {
  method: "POST",
  path: "/api/sms/opt-out",
  handler: "sms/opt-out",
  access: "public",
  summary: "The opt-out page: text a one-time code to the number that wants no more texts",
  body: PhoneInput,
  response: CodeSent,
  status: 202,
} as const satisfies Route;

export const smsOptOutVerify = {
  method: "POST",
  path: "/api/sms/opt-out/verify",
  handler: "sms/opt-out-verify",
  access: "public",
  summary: "The opt-out page: the code proves the number, which then gets no text of any kind",
  body: PhoneCodeInput,
  response: OptedOut,
} as const satisfies Route;

// ----- needs (群众点单) -----
export const needsCreate = {
  method: "POST",
  path: "/api/needs",
  handler: "needs/create",
  access: "booker",
  summary: "发布需求: post a need (a community worker: for a registered resident, onBehalfOf)",
  body: NeedInput,
  response: Need,
  status: 201,
} as const satisfies Route;

export const needsList = {
  method: "GET",
  path: "/api/needs",
  handler: "needs/list",
  access: "board",
  summary: "需求大厅: open needs, oldest first (volunteers, staff, admins; no contact, names masked)",
  query: NeedQuery,
  response: Page(Need),
} as const satisfies Route;

export const needsGet = {
  method: "GET",
  path: "/api/needs/{id}",
  handler: "needs/get",
  access: "user",
  summary: "One need, as its viewer may see it",
  response: Need,
} as const satisfies Route;

export const needsClaim = {
  method: "POST",
  path: "/api/needs/{id}/claim",
  handler: "needs/claim",
  access: "volunteer",
  summary: "接单: claim an open need; it becomes an accepted booking (one claimer, 409 ALREADY_CLAIMED)",
  response: NeedClaim,
} as const satisfies Route;

export const needsAssign = {
  method: "POST",
  path: "/api/needs/{id}/assign",
  handler: "needs/assign",
  access: "staff",
  summary: "派单: give an open need of my community to a volunteer of my community",
  body: AssignInput,
  response: NeedClaim,
} as const satisfies Route;

export const needsRelease = {
  method: "POST",
  path: "/api/needs/{id}/release",
  handler: "needs/release",
  access: "volunteer",
  summary: "退单: give back a need I claimed, with a reason; it is open again",
  body: ReleaseInput,
  response: Need,
} as const satisfies Route;

export const needsCancel = {
  method: "POST",
  path: "/api/needs/{id}/cancel",
  handler: "needs/cancel",
  access: "booker",
  summary: "Withdraw my open need (or, a community worker, one I posted)",
  response: Need,
} as const satisfies Route;

export const meNeeds = {
  method: "GET",
  path: "/api/me/needs",
  handler: "me/needs",
  access: "resident",
  summary: "我的需求",
  query: MyNeedsQuery,
  response: Page(Need),
} as const satisfies Route;

export const staffNeeds = {
  method: "GET",
  path: "/api/staff/needs",
  handler: "staff/needs",
  access: "staff",
  summary: "Needs I posted for residents",
  query: MyNeedsQuery,
  response: Page(Need),
} as const satisfies Route;

export const adminHideNeed = {
  method: "POST",
  path: "/api/admin/needs/{id}/hide",
  handler: "admin/hide-need",
  access: "admin",
  summary: "Hide an abusive need, with a reason (the resident is told)",
  body: NeedHideInput,
  response: Need,
} as const satisfies Route;

// ----- search in residents' words (issue 15) -----
export const searchSuggest = {
  method: "GET",
  path: "/api/search/suggest",
  handler: "search/suggest",
  access: "public",
  summary: "Suggestions as the resident types: listings, categories and everyday words (at most 8)",
  query: SuggestQuery,
  response: Suggestions,
} as const satisfies Route;

// ----- Trust and safety (issue 19, items 3 and 6) -----
export const adminResumeListing = {
  method: "POST",
  path: "/api/admin/listings/{id}/resume",
  handler: "admin/resume-listing",
  access: "admin",
  summary: "Lift an admin's pause: the listing is published again",
  response: Listing,
} as const satisfies Route;

export const meErase = {
  method: "DELETE",
  path: "/api/me",
  handler: "me/erase",
  access: "user",
  summary:
    "Erase my account (a resident or a volunteer): name, phone, address, notes and texts erased or anonymised; counts stay",
  status: 204,
} as const satisfies Route;

export const staffEraseResident = {
  method: "DELETE",
  path: "/api/staff/residents/{id}",
  handler: "staff/erase-resident",
  access: "staff",
  summary: "Withdraw a registered resident of my community: their personal data erased or anonymised",
  status: 204,
} as const satisfies Route;

/** Every route, in one array: CDK, the local gateway, the handler wrapper and OpenAPI read it. */
export const ROUTES = [
  health,
  openapi,
  categoriesList,
  communitiesList,
  listingsList,
  listingsCreate,
  listingsGet,
  listingsUpdate,
  reviewsList,
  bookingsCreate,
  listingsSessions,
  listingsRoster,
  calendarList,
  listingsCancelSession,
  searchesMiss,
  volunteersGet,
  rankingsList,
  volunteerListings,
  volunteerBookings,
  volunteerCertificate,
  bookingsGet,
  bookingsCalendar,
  bookingsShare,
  bookingsUnshare,
  bookingsShared,
  bookingsSharedCalendar,
  bookingsAccept,
  bookingsDecline,
  bookingsComplete,
  bookingsNoShow,
  bookingsContact,
  bookingsCancel,
  bookingsConfirm,
  reviewsCreate,
  reviewsReply,
  meGet,
  meUpdate,
  meBookings,
  meNotifications,
  meNotificationsRead,
  staffRegisterResident,
  staffResidents,
  staffBookings,
  staffCommunity,
  adminStats,
  adminStatsCsv,
  adminContactReads,
  adminHideReview,
  adminPauseListing,
  listingsPhotoUpload,
  listingsPhotoDelete,
  mePhoto,
  adminHidePhoto,
  mePhones,
  mePhonesVerify,
  smsOptOut,
  smsOptOutVerify,
  needsCreate,
  needsList,
  needsGet,
  needsClaim,
  needsAssign,
  needsRelease,
  needsCancel,
  meNeeds,
  staffNeeds,
  adminHideNeed,
  searchSuggest,
  adminResumeListing,
  meErase,
  staffEraseResident,
] as const satisfies readonly Route[];

export type RouteHandler = (typeof ROUTES)[number]["handler"];

export function routeFor(handler: string): Route {
  const route = ROUTES.find((r) => r.handler === handler);
  if (!route) throw new Error(`no route for handler ${handler}`);
  return route;
}

/** The API Gateway route key, e.g. `GET /api/listings/{id}`. */
export function routeKey(route: Route): string {
  return `${route.method} ${route.path}`;
}

/** Compile a route path into a matcher returning path parameters. */
export function matchPath(template: string, path: string): Record<string, string> | null {
  const t = template.split("/");
  const p = path.split("/");
  if (t.length !== p.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < t.length; i++) {
    const seg = t[i] as string;
    const actual = p[i] as string;
    if (seg.startsWith("{") && seg.endsWith("}")) {
      if (actual === "") return null;
      try {
        params[seg.slice(1, -1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (seg !== actual) return null;
  }
  return params;
}
