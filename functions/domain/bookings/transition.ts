/**
 * Every move of a booking after it is made — accept, decline, complete (with the
 * 核销码), confirm, cancel, expire — as one transaction holding only what must be
 * atomic: the booking (on the condition it is still as read), the listing's
 * counters, the promotion of the first waitlisted booking into a freed seat, and
 * the live guard. Notices, hours, rankings and the dashboard follow from the stream.
 */
import type { Booking } from "../../../shared/schemas.ts";
import type { User } from "../../lib/auth.ts";
import {
  ACTION_LABEL,
  type Action,
  canTransition,
  DEFAULT_CONFIRM_HOURS,
  isLive,
  MAX_CODE_FAILURES,
  noShowDue,
  TRANSITIONS,
} from "../booking-rules.ts";
import { Conflict, Forbidden, InvalidTransition, NotFound, NotOwner } from "../errors.ts";
import { needFollows } from "../needs/follow.ts";
import { RETRY, type TaggedItem, transact, withRetries } from "../transact.ts";
import { countWrongCode, locked } from "./code.ts";
import { releasedWhenDone } from "./guards.ts";
import { actsForResident, type BookingItem, type Viewer } from "./item.ts";
import { getBookingItem, view } from "./read.ts";
import { counterItems } from "./seats.ts";
import { checkServed, confirmHours, dailyCapReached, dailyHoursItems } from "./served.ts";
import { bookingUpdate, liveGuardDelete } from "./write.ts";

export type TransitionInput =
  | { action: "accept" }
  | { action: "decline"; reason: string }
  | { action: "complete"; hours: number; code: string }
  | { action: "confirm"; hours?: number }
  | { action: "cancel" }
  | { action: "withdraw"; reason: string }
  | { action: "expire" }
  | { action: "noShow" };

/** Who is acting: a signed-in user, or the scheduled job. */
export type ActingAs = User | "system";

function checkActor(b: BookingItem, action: Action, by: ActingAs) {
  const actor = TRANSITIONS[action].actor;
  if (actor === "system") {
    if (by !== "system") throw new Forbidden();
    return;
  }
  if (by === "system") return;
  if (actor === "volunteer" && (by.role !== "volunteer" || by.id !== b.volunteerId))
    throw new NotOwner("只能处理自己服务的预约");
  if (actor === "resident" && !actsForResident(b, by)) throw new NotOwner("只能处理自己的预约");
}

/** The booking after the action, as of `iso`. */
function moved(b: BookingItem, input: TransitionInput, iso: string): BookingItem {
  const next: BookingItem = { ...b, status: TRANSITIONS[input.action].to, updatedAt: iso };
  switch (input.action) {
    case "accept":
      return { ...next, acceptedAt: iso };
    case "decline":
      return { ...next, declinedAt: iso, declineReason: input.reason };
    case "cancel":
      return { ...next, cancelledAt: iso, cancelledBy: "resident" };
    case "withdraw":
      return { ...next, cancelledAt: iso, cancelledBy: "volunteer", cancelReason: input.reason };
    case "expire":
      return { ...next, expiredAt: iso };
    case "noShow":
      return { ...next, noShowAt: iso };
    case "complete":
      return { ...next, hours: input.hours, completedAt: iso, completedBy: "volunteer" };
    case "confirm":
      return {
        ...next,
        hours: confirmHours(b, input.hours, DEFAULT_CONFIRM_HOURS),
        completedAt: iso,
        completedBy: "resident",
      };
  }
}

/** Completing with the code holds only while the code is right and not locked by wrong tries. */
const codeCondition = (code: string) => ({
  condition: " AND #code = :code AND (attribute_not_exists(#f) OR #f < :max)",
  names: { "#code": "completionCode", "#f": "codeFailures" },
  values: { ":code": code, ":max": MAX_CODE_FAILURES },
});

/** Who sees what in the answer: contact is unmasked to the volunteer where the move itself is audited. */
function viewerOf(by: ActingAs, action: Action): Viewer {
  if (action === "accept" || action === "complete") return "volunteer-unmasked";
  if (by !== "system" && by.role === "staff") return "staff";
  return by === "system" || by.role === "volunteer" ? "volunteer" : "resident";
}

/** Move a booking by `input.action`, as `by`; returns the booking as the actor may see it. */
export async function transition(
  by: ActingAs,
  bookingId: string,
  input: TransitionInput,
  now = new Date(),
): Promise<Booking> {
  const action = input.action;
  return withRetries(async () => {
    const b = await getBookingItem(bookingId);
    if (!b) throw new NotFound("预约");
    checkActor(b, action, by);
    if (!canTransition(b.status, action)) throw new InvalidTransition(b.status, ACTION_LABEL[action]);
    if (action === "noShow" && !(now.getTime() >= noShowDue(b)))
      throw new Conflict("NO_SHOW_TOO_EARLY", undefined, [
        { dueAt: new Date(noShowDue(b) || 0).toISOString() },
      ]);
    const next = moved(b, input, now.toISOString());
    const served = next.status === "completed" ? (next.hours ?? 0) : undefined;
    if (served !== undefined) checkServed(b, served, now);
    if (input.action === "complete") {
      if (b.codeFailures >= MAX_CODE_FAILURES) throw locked();
      if (input.code !== b.completionCode) return countWrongCode(b, now);
    }
    const items: TaggedItem[] = [
      input.action === "complete"
        ? bookingUpdate("booking", b, next, codeCondition(input.code))
        : bookingUpdate("booking", b, next),
      ...(await counterItems(b, next.status, now, action !== "withdraw")),
      // A need's booking holds no live count nor phone seat (its need is bounded by TOO_MANY_NEEDS).
      ...(isLive(next.status) ? [] : [liveGuardDelete(b), ...(b.needId ? [] : releasedWhenDone(b))]),
      ...(served !== undefined ? await dailyHoursItems(b, served, now) : []),
      // A need's booking moves its need with it (fulfilled when completed), in the same transaction.
      ...(b.needId ? await needFollows(b.needId, next, now) : []),
    ];
    const result = await transact(items);
    if (!result.ok && result.failed.has("dailyHours") && result.failed.size === 1) throw dailyCapReached();
    return result.ok ? view(next, viewerOf(by, action)) : RETRY;
  });
}
