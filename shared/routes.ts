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
import { adminContactReads } from "./routes/admin/contact-reads.ts";
import { adminHideNeed } from "./routes/admin/hide-need.ts";
import { adminHidePhoto } from "./routes/admin/hide-photo.ts";
import { adminHideReview } from "./routes/admin/hide-review.ts";
import { adminPauseListing } from "./routes/admin/pause-listing.ts";
import { adminResumeListing } from "./routes/admin/resume-listing.ts";
import { adminStats } from "./routes/admin/stats.ts";
import { adminStatsCsv } from "./routes/admin/stats-csv.ts";
import { bookingsAccept } from "./routes/bookings/accept.ts";
import { bookingsCalendar } from "./routes/bookings/calendar.ts";
import { bookingsCancel } from "./routes/bookings/cancel.ts";
import { bookingsComplete } from "./routes/bookings/complete.ts";
import { bookingsConfirm } from "./routes/bookings/confirm.ts";
import { bookingsContact } from "./routes/bookings/contact.ts";
import { bookingsCreate } from "./routes/bookings/create.ts";
import { bookingsDecline } from "./routes/bookings/decline.ts";
import { bookingsGet } from "./routes/bookings/get.ts";
import { bookingsNoShow } from "./routes/bookings/no-show.ts";
import { bookingsShare } from "./routes/bookings/share.ts";
import { bookingsShared } from "./routes/bookings/shared.ts";
import { bookingsSharedCalendar } from "./routes/bookings/shared-calendar.ts";
import { bookingsUnshare } from "./routes/bookings/unshare.ts";
import { calendarList } from "./routes/calendar/list.ts";
import { categoriesList } from "./routes/categories/list.ts";
import { communitiesList } from "./routes/communities/list.ts";
import { health } from "./routes/health.ts";
import { listingsCancelSession } from "./routes/listings/cancel-session.ts";
import { listingsCreate } from "./routes/listings/create.ts";
import { listingsGet } from "./routes/listings/get.ts";
import { listingsList } from "./routes/listings/list.ts";
import { listingsPhotoDelete } from "./routes/listings/photo-delete.ts";
import { listingsPhotoUpload } from "./routes/listings/photo-upload.ts";
import { listingsRoster } from "./routes/listings/roster.ts";
import { listingsSessions } from "./routes/listings/sessions.ts";
import { listingsUpdate } from "./routes/listings/update.ts";
import { meBookings } from "./routes/me/bookings.ts";
import { meErase } from "./routes/me/erase.ts";
import { meGet } from "./routes/me/get.ts";
import { meNeeds } from "./routes/me/needs.ts";
import { meNotifications } from "./routes/me/notifications.ts";
import { meNotificationsRead } from "./routes/me/notifications-read.ts";
import { mePhones } from "./routes/me/phones.ts";
import { mePhonesVerify } from "./routes/me/phones-verify.ts";
import { mePhoto } from "./routes/me/photo.ts";
import { meUpdate } from "./routes/me/update.ts";
import { needsAssign } from "./routes/needs/assign.ts";
import { needsCancel } from "./routes/needs/cancel.ts";
import { needsClaim } from "./routes/needs/claim.ts";
import { needsCreate } from "./routes/needs/create.ts";
import { needsGet } from "./routes/needs/get.ts";
import { needsList } from "./routes/needs/list.ts";
import { needsRelease } from "./routes/needs/release.ts";
import { openapi } from "./routes/openapi.ts";
import { rankingsList } from "./routes/rankings/list.ts";
import { reviewsCreate } from "./routes/reviews/create.ts";
import { reviewsList } from "./routes/reviews/list.ts";
import { reviewsReply } from "./routes/reviews/reply.ts";
import { searchSuggest } from "./routes/search/suggest.ts";
import { searchesMiss } from "./routes/searches/miss.ts";
import { smsOptOut } from "./routes/sms/opt-out.ts";
import { smsOptOutVerify } from "./routes/sms/opt-out-verify.ts";
import { staffBookings } from "./routes/staff/bookings.ts";
import { staffCommunity } from "./routes/staff/community.ts";
import { staffEraseResident } from "./routes/staff/erase-resident.ts";
import { staffNeeds } from "./routes/staff/needs.ts";
import { staffRegisterResident } from "./routes/staff/register-resident.ts";
import { staffResidents } from "./routes/staff/residents.ts";
import { volunteerBookings } from "./routes/volunteer/bookings.ts";
import { volunteerCertificate } from "./routes/volunteer/certificate.ts";
import { volunteerListings } from "./routes/volunteer/listings.ts";
import { volunteersGet } from "./routes/volunteers/get.ts";

export {
  adminContactReads,
  adminHideNeed,
  adminHidePhoto,
  adminHideReview,
  adminPauseListing,
  adminResumeListing,
  adminStats,
  adminStatsCsv,
  bookingsAccept,
  bookingsCalendar,
  bookingsCancel,
  bookingsComplete,
  bookingsConfirm,
  bookingsContact,
  bookingsCreate,
  bookingsDecline,
  bookingsGet,
  bookingsNoShow,
  bookingsShare,
  bookingsShared,
  bookingsSharedCalendar,
  bookingsUnshare,
  calendarList,
  categoriesList,
  communitiesList,
  health,
  listingsCancelSession,
  listingsCreate,
  listingsGet,
  listingsList,
  listingsPhotoDelete,
  listingsPhotoUpload,
  listingsRoster,
  listingsSessions,
  listingsUpdate,
  meBookings,
  meErase,
  meGet,
  meNeeds,
  meNotifications,
  meNotificationsRead,
  mePhones,
  mePhonesVerify,
  mePhoto,
  meUpdate,
  needsAssign,
  needsCancel,
  needsClaim,
  needsCreate,
  needsGet,
  needsList,
  needsRelease,
  openapi,
  rankingsList,
  reviewsCreate,
  reviewsList,
  reviewsReply,
  searchesMiss,
  searchSuggest,
  smsOptOut,
  smsOptOutVerify,
  staffBookings,
  staffCommunity,
  staffEraseResident,
  staffNeeds,
  staffRegisterResident,
  staffResidents,
  volunteerBookings,
  volunteerCertificate,
  volunteerListings,
  volunteersGet,
};

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
  // ----- photos: listing photos and volunteers' faces (API.md v1.2 "Photos") -----
  listingsPhotoUpload,
  listingsPhotoDelete,
  mePhoto,
  adminHidePhoto,
  // ----- trust and safety (issue 19): texts only to proven phones, opt-out by the number -----
  mePhones,
  mePhonesVerify,
  smsOptOut,
  smsOptOutVerify,
  // ----- needs (群众点单) -----
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
  // ----- search in residents' words (issue 15) -----
  searchSuggest,
  // ----- Trust and safety (issue 19, items 3 and 6) -----
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
