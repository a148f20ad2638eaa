/**
 * Domain errors: thrown by the domain and the repositories, mapped to the API
 * error format by functions/lib/errors.ts. Each sets `name`, a code from
 * shared/errors.ts and so its status; the message is the code's default unless given.
 */
import { type CodeOf, ERRORS, type ErrorCode } from "../../shared/errors.ts";

export class DomainError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly details?: unknown[];
  constructor(code: ErrorCode, message?: string, details?: unknown[]) {
    super(message ?? ERRORS[code].message);
    this.name = new.target.name;
    this.status = ERRORS[code].status;
    this.code = code;
    if (details) this.details = details;
  }
}

export class ValidationFailed extends DomainError {
  constructor(message: string, details?: unknown[]) {
    super("VALIDATION_FAILED", message, details);
  }
}
export class MalformedJson extends DomainError {
  constructor() {
    super("MALFORMED_JSON");
  }
}
export class Unauthorized extends DomainError {
  constructor(message?: string) {
    super("UNAUTHORIZED", message);
  }
}
export class Forbidden extends DomainError {
  constructor(message?: string, code: CodeOf<403> = "FORBIDDEN") {
    super(code, message);
  }
}
export class NotOwner extends DomainError {
  constructor(message?: string) {
    super("NOT_OWNER", message);
  }
}
export class NotFound extends DomainError {
  constructor(what = "内容") {
    super("NOT_FOUND", `找不到该${what}`);
  }
}
export class Conflict extends DomainError {
  constructor(code: CodeOf<409>, message?: string, details?: unknown[]) {
    super(code, message, details);
  }
}
export class InvalidTransition extends Conflict {
  constructor(from: string, action: string) {
    super("INVALID_TRANSITION", `当前状态（${from}）不能${action}`, [{ from, action }]);
  }
}
export class PayloadTooLarge extends DomainError {
  constructor() {
    super("PAYLOAD_TOO_LARGE");
  }
}
export class UnsupportedMediaType extends DomainError {
  constructor() {
    super("UNSUPPORTED_MEDIA_TYPE");
  }
}
export class Unavailable extends DomainError {
  readonly retryAfter: number;
  constructor(retryAfter = 2) {
    super("DATABASE_UNAVAILABLE");
    this.retryAfter = retryAfter;
  }
}

// ----- trust and safety -----
/** A one-time phone code that is wrong, expired, used up or never sent (one answer for each: no oracle). */
export class PhoneCodeInvalid extends DomainError {
  constructor(message?: string) {
    super("PHONE_CODE_INVALID", message);
  }
}
/** Too many of something in a window: codes to a number, joins by a caller. */
export class RateLimited extends DomainError {
  readonly retryAfter: number;
  constructor(message?: string, retryAfter = 60) {
    super("RATE_LIMITED", message);
    this.retryAfter = retryAfter;
  }
}
