/**
 * Domain errors: thrown by the domain and the repositories, mapped to the API
 * error format by functions/lib/errors.ts. Each sets `name`, a status and a code.
 */
export class DomainError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: unknown[];
  constructor(status: number, code: string, message: string, details?: unknown[]) {
    super(message);
    this.name = new.target.name;
    this.status = status;
    this.code = code;
    if (details) this.details = details;
  }
}

export class ValidationFailed extends DomainError {
  constructor(message: string, details?: unknown[]) {
    super(400, "VALIDATION_FAILED", message, details);
  }
}
export class MalformedJson extends DomainError {
  constructor() {
    super(400, "MALFORMED_JSON", "请求内容不是有效的 JSON");
  }
}
export class Unauthorized extends DomainError {
  constructor(message = "请先登录") {
    super(401, "UNAUTHORIZED", message);
  }
}
export class Forbidden extends DomainError {
  constructor(message = "没有权限进行此操作", code = "FORBIDDEN") {
    super(403, code, message);
  }
}
export class NotOwner extends DomainError {
  constructor(message = "这不是你的内容") {
    super(403, "NOT_OWNER", message);
  }
}
export class NotFound extends DomainError {
  constructor(what = "内容") {
    super(404, "NOT_FOUND", `找不到该${what}`);
  }
}
export class Conflict extends DomainError {
  constructor(code: string, message: string, details?: unknown[]) {
    super(409, code, message, details);
  }
}
export class InvalidTransition extends Conflict {
  constructor(from: string, action: string) {
    super("INVALID_TRANSITION", `当前状态（${from}）不能${action}`, [{ from, action }]);
  }
}
export class PayloadTooLarge extends DomainError {
  constructor() {
    super(413, "PAYLOAD_TOO_LARGE", "请求内容超过 64 KiB");
  }
}
export class UnsupportedMediaType extends DomainError {
  constructor() {
    super(415, "UNSUPPORTED_MEDIA_TYPE", "请求内容须为 application/json");
  }
}
export class Unavailable extends DomainError {
  readonly retryAfter: number;
  constructor(retryAfter = 2) {
    super(503, "DATABASE_UNAVAILABLE", "服务繁忙，请稍后再试");
    this.retryAfter = retryAfter;
  }
}
