/**
 * The zod schemas of the HTTP contract (API.md), each beside its inferred type, by
 * concern in shared/schemas/ and gathered here. Handlers validate with them, GET
 * /api/openapi.json is generated from them and the storefront imports the types. A
 * storefront page's bundle holds only the modules it reaches (issue 18.8), so a
 * schema goes beside those it is used with.
 */

export * from "./schemas/bookings.ts";
export * from "./schemas/common.ts";
export * from "./schemas/listing-input.ts";
export * from "./schemas/listings.ts";
export * from "./schemas/me.ts";
export * from "./schemas/reviews.ts";
export * from "./schemas/search.ts";
export * from "./schemas/share.ts";
export * from "./schemas/stats.ts";
