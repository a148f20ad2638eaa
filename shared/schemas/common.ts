/**
 * The building blocks of the HTTP contract's schemas (API.md): ids, categories, kinds,
 * trimmed text, phones, paging. Part of the HTTP contract's schemas, which
 * shared/schemas.ts gathers.
 */
import * as z from "zod/mini";
import { CATEGORY_SLUGS } from "../categories.ts";
import { ApiError } from "../errors.ts";
import { ROLES } from "../roles.ts";

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

export const CategorySchema = z.enum(CATEGORY_SLUGS);

export const Kind = z.enum(["on_demand", "event"]);

export const Mode = z.enum(["door", "venue", "online"]);

export const ListingStatus = z.enum(["draft", "published", "paused", "closed"]);

export const Role = z.enum(ROLES);

export const Community = text(2, 30);

export type Kind = z.infer<typeof Kind>;

export type Mode = z.infer<typeof Mode>;

export type ListingStatus = z.infer<typeof ListingStatus>;

export type Role = z.infer<typeof Role>;

export const Sort = z.enum(["new", "rating", "popular"]);

export type Sort = z.infer<typeof Sort>;

export const Limit = z.coerce.number().check(z.int(), z.gte(1), z.lte(50));

export const Cursor = z.string().check(z.maxLength(2048));

// @__NO_SIDE_EFFECTS__
export const Page = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) });

/** A whole list in one answer (no cursor). */
// @__NO_SIDE_EFFECTS__
export const Items = <T extends z.ZodMiniType>(item: T) => z.object({ items: z.array(item) });

/** Mainland mobile or landline; spaces and dashes are allowed and removed. */
export const Phone = z.pipe(
  z.pipe(
    z.string(),
    z.transform((s) => s.replace(/[\s-]/g, "")),
  ),
  z.string().check(z.regex(/^(1[3-9]\d{9}|0\d{9,11})$/, "请填写正确的电话号码")),
);

export const CursorQuery = z.object({ cursor: z.optional(Cursor) });

/** The API error body, defined with the codes in shared/errors.ts. */
export const ErrorBody = ApiError;

export type ErrorBody = ApiError;

export const IdParams = z.strictObject({ id: Id });

export const NoQuery = z.object({});

export const Health = z.object({ status: z.literal("ok") });
