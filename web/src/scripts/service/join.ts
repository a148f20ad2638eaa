/**
 * 加入该项目 under a rush. One Idempotency-Key per resident intent, kept in
 * sessionStorage so a retry, or a reload in the middle of one, is the same join:
 * the API answers a repeat with the first result and never books twice. 503, 429,
 * a gateway's 5xx or no network at all mean "not decided yet": wait (Retry-After
 * when given, else exponential backoff with jitter) and ask again, while the page
 * says 排队中…. Every other answer decides the outcome.
 */
import { bookingsCreate } from "../../../../shared/routes.ts";
import { type CallArgs, type CallData, type CallError, call } from "../../lib/client.ts";

export type JoinBody = CallArgs<typeof bookingsCreate>["body"];

export type JoinOutcome =
  | { kind: "booked" | "waitlisted"; booking: CallData<typeof bookingsCreate> }
  /** ALREADY_JOINED, or this intent's key already booked (IDEMPOTENCY_KEY_REUSED). */
  | { kind: "already"; error: CallError }
  | { kind: "full"; error: CallError }
  /** Not taking joins: paused, closed, a past or cancelled session. */
  | { kind: "closed"; error: CallError }
  /** 400: fix the form and send again (same intent). */
  | { kind: "invalid"; error: CallError }
  /** Any other refusal (401, 403, 404…). */
  | { kind: "refused"; error: CallError }
  /** Still busy after all our patience: nothing is known to be booked; the same key goes on. */
  | { kind: "undecided"; error: CallError };

export interface JoinOptions {
  /** Told before each wait: the attempt that failed (1, 2, …) and the wait in ms. */
  onWait?: (attempt: number, waitMs: number) => void;
  /** How long to keep trying before answering "undecided". */
  patienceMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const RETRY_STATUS = new Set([0, 429, 500, 502, 503, 504]);
const sleepMs = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Retry-After when the server gave one, else 0.5 s · 2^n up to 8 s; both with jitter to spread the herd. */
export function backoffMs(attempt: number, retryAfterS?: number, random = Math.random()): number {
  if (retryAfterS !== undefined) return retryAfterS * 1000 + Math.round(random * 500);
  const cap = Math.min(8000, 500 * 2 ** (attempt - 1));
  return Math.round(cap / 2 + (random * cap) / 2);
}

const intentKey = (listingId: string) => `wt.join.${listingId}`;

/** This resident's current intent to join `listingId`: the same key until the join is decided. */
export function joinKey(listingId: string): string {
  let key = sessionStorage.getItem(intentKey(listingId));
  if (!key) {
    key = crypto.randomUUID();
    sessionStorage.setItem(intentKey(listingId), key);
  }
  return key;
}

/** The intent is over (decided): a later join is a new one, with a new key. */
export function endJoin(listingId: string): void {
  sessionStorage.removeItem(intentKey(listingId));
}

export async function join(listingId: string, body: JoinBody, opts: JoinOptions = {}): Promise<JoinOutcome> {
  const sleep = opts.sleep ?? sleepMs;
  const deadline = Date.now() + (opts.patienceMs ?? 120_000);
  // One intent per session on a scheduled listing: another date is another join.
  const intent = body.sessionId ? `${listingId}.${body.sessionId}` : listingId;
  const headers = { "idempotency-key": joinKey(intent) };
  for (let attempt = 1; ; attempt++) {
    const res = await call(bookingsCreate, { params: { id: listingId }, body, headers });
    if (res.ok) {
      endJoin(intent);
      return { kind: res.data.status === "waitlisted" ? "waitlisted" : "booked", booking: res.data };
    }
    if (RETRY_STATUS.has(res.status)) {
      const wait = backoffMs(attempt, res.error.retryAfter);
      if (Date.now() + wait > deadline) return { kind: "undecided", error: res.error };
      opts.onWait?.(attempt, wait);
      await sleep(wait);
      continue;
    }
    const outcome = decided(res.status, res.error);
    if (outcome.kind !== "invalid") endJoin(intent);
    return outcome;
  }
}

function decided(status: number, error: CallError): JoinOutcome {
  switch (error.code) {
    case "ALREADY_JOINED":
    case "IDEMPOTENCY_KEY_REUSED":
      return { kind: "already", error };
    case "LISTING_FULL":
      return { kind: "full", error };
    case "LISTING_NOT_PUBLISHED":
    case "SESSION_PAST":
    case "SESSION_CANCELLED":
      return { kind: "closed", error };
    default:
      return status === 400 ? { kind: "invalid", error } : { kind: "refused", error };
  }
}
