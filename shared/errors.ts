/**
 * Every error the API answers (API.md "Errors"), once: its code, HTTP status and
 * default Chinese message. The domain's error classes (functions/domain/errors.ts),
 * the error mapper (functions/lib/errors.ts), the local API Gateway emulation
 * (infra/local) and the storefront's client all read this table; a message given
 * where an error is thrown overrides the default.
 */
import * as z from "zod/mini";

export const ERRORS = {
  // 400: bad input
  VALIDATION_FAILED: { status: 400, message: "请检查填写的内容" },
  MALFORMED_JSON: { status: 400, message: "请求内容不是有效的 JSON" },
  // 401: no or invalid token (where a handler, not API Gateway, finds it missing)
  UNAUTHORIZED: { status: 401, message: "请先登录" },
  // 403: wrong role or not the owner
  FORBIDDEN: { status: 403, message: "没有权限进行此操作" },
  NOT_OWNER: { status: 403, message: "这不是你的内容" },
  OWN_LISTING: { status: 403, message: "不能报名自己发布的服务" },
  // Trust and safety (issue 19.6)
  ERASURE_BY_ADMIN: { status: 403, message: "管理员和社区工作者的账号请由区管理员办理注销" },
  // 404, 405
  NOT_FOUND: { status: 404, message: "找不到该内容" },
  METHOD_NOT_ALLOWED: { status: 405, message: "不支持此请求方式" },
  // 409: state conflicts
  ALREADY_JOINED: { status: 409, message: "您已报名该服务，请在“我的预约”中查看" },
  LISTING_FULL: { status: 409, message: "该服务当前预约已满，请稍后再试" },
  LISTING_NOT_PUBLISHED: { status: 409, message: "该服务暂不接受报名" },
  LISTING_CLOSED: { status: 409, message: "已结束的服务不能再修改" },
  CAPACITY_BELOW_BOOKINGS: { status: 409, message: "名额不能少于已报名的人数" },
  EVENT_NEEDS_START: { status: 409, message: "活动类服务需要开始时间" },
  INVALID_TIME_RANGE: { status: 409, message: "结束时间须晚于开始时间" },
  INVALID_TRANSITION: { status: 409, message: "当前状态不能进行此操作" },
  IDEMPOTENCY_KEY_REUSED: { status: 409, message: "这个 Idempotency-Key 已用于另一次报名" },
  SESSION_PAST: { status: 409, message: "这个场次已经开始或结束了，请选择其他场次" },
  SESSION_CANCELLED: { status: 409, message: "这个场次已取消，请选择其他场次" },
  RESIDENT_ALREADY_REGISTERED: { status: 409, message: "这个电话号码已在本社区登记过" },
  NO_SHOW_TOO_EARLY: { status: 409, message: "服务时间还没到，暂时不能标记居民未到" },
  NO_FIXED_TIME: { status: 409, message: "这项服务没有固定时间，请与志愿者约定" },
  COMPLETION_CODE_MISMATCH: { status: 409, message: "核销码不正确" },
  COMPLETION_LOCKED: { status: 409, message: "核销码已连续输错多次，请由居民在“我的预约”中确认服务完成" },
  CONTACT_NOT_AVAILABLE: { status: 409, message: "接受预约后才能查看居民的联系方式" },
  NOT_COMPLETED: { status: 409, message: "服务完成后才能评价" },
  ALREADY_REVIEWED: { status: 409, message: "这次服务已经评价过了" },
  ALREADY_REPLIED: { status: 409, message: "每条评价只能回复一次" },
  ALREADY_HIDDEN: { status: 409, message: "这条评价已经隐藏" },
  // Needs (群众点单)
  ALREADY_CLAIMED: { status: 409, message: "这个需求已经有志愿者接了" },
  TOO_MANY_NEEDS: { status: 409, message: "您已有 3 个需求在等待或服务中，请等它们完成后再发布" },
  // Trust and safety (issue 19, items 3–6)
  PAUSED_BY_ADMIN: { status: 409, message: "这项服务已被区管理员暂停，请联系区管理员恢复" },
  TOO_MANY_LIVE_BOOKINGS: { status: 409, message: "您同时进行中的预约已有 5 个，请先完成或取消一个再预约" },
  PHONE_ALREADY_BOOKED: { status: 409, message: "这个电话号码已经报名了这项服务" },
  NOT_STARTED_YET: { status: 409, message: "服务时间还没到，到了服务开始的时间才能确认完成" },
  HOURS_OVER_DURATION: { status: 409, message: "服务时长不能超过这项服务的时长" },
  DAILY_HOURS_CAP: { status: 409, message: "一天最多记录 12 小时服务时长" },
  // Listing photos
  TOO_MANY_PHOTOS: { status: 409, message: "每项服务最多 6 张照片，请先删除一张" },
  PHOTO_ORDER_MISMATCH: { status: 409, message: "照片已有变化，请刷新后再排序" },
  NO_SHOP_YET: { status: 409, message: "请先发布一项服务，再设置头像" },
  // 413, 415
  PAYLOAD_TOO_LARGE: { status: 413, message: "请求内容超过 64 KiB" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: "请求内容须为 application/json" },
  // Trust and safety (texts to proven phones, rate limits)
  PHONE_CODE_INVALID: { status: 400, message: "验证码不正确或已过期，请重新获取" },
  RATE_LIMITED: { status: 429, message: "操作太频繁了，请稍后再试" },
  // 5xx
  INTERNAL: { status: 500, message: "服务出错了，请稍后再试" },
  DATABASE_UNAVAILABLE: { status: 503, message: "服务繁忙，请稍后再试" },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;
export const ERROR_CODES = Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]];

/** The codes answered with a given status, e.g. `CodeOf<409>` for the conflicts. */
export type CodeOf<S extends number> = {
  [C in ErrorCode]: (typeof ERRORS)[C]["status"] extends S ? C : never;
}[ErrorCode];

/** The body of every 4xx/5xx the API itself answers (API.md "Errors"). */
export const ApiError = z.strictObject({
  error: z.strictObject({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.optional(z.array(z.unknown())),
  }),
});
export type ApiError = z.infer<typeof ApiError>;

/**
 * What API Gateway's HTTP API JWT authorizer itself answers, with status 401, when
 * a protected route is called without a valid token: the request never reaches a
 * function, so the body is API Gateway's, not the API.md error format.
 */
export const GatewayUnauthorized = z.strictObject({ message: z.literal("Unauthorized") });
export type GatewayUnauthorized = z.infer<typeof GatewayUnauthorized>;
export const GATEWAY_UNAUTHORIZED: GatewayUnauthorized = { message: "Unauthorized" };

/** An error body: the code's default message unless one is given; `details` only when given. */
export function errorBody(code: ErrorCode, message?: string, details?: unknown[]): ApiError {
  return {
    error: { code, message: message ?? ERRORS[code].message, ...(details ? { details } : {}) },
  };
}
