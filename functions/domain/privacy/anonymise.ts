/**
 * PIPL (issue 19.6), pure: what an erased or expired booking keeps. A booking keeps
 * everything the dashboard, the rankings and reconcile count (its status, dates,
 * hours, listing, category, community, branch, volunteer); it loses what says who
 * the resident is and where they live.
 */
import type { BookingItem } from "../bookings/item.ts";

/** The name an erased person is shown under, everywhere their name stood. */
export const ERASED_NAME = "已注销用户";
/** Phone, address and notes of finished bookings are kept this long, then anonymised. */
export const FINISHED_BOOKING_RETENTION_DAYS = 180;
/** Texts (the outbox) are kept this long, then deleted. */
export const OUTBOX_RETENTION_DAYS = 30;
/** The volunteer may reveal a completed booking's contact for this long after completion. */
export const CONTACT_REVEAL_DAYS = 7;

/** The contact fields of a booking, emptied: phone, address, note, preferred time (free text). */
export const CONTACT_ERASED = { phone: "", address: "", note: "", preferredTime: "" } as const;

/** A booking after its person's erasure: no name, no contact, no share link. */
export function erasedBooking(b: BookingItem, at: string): BookingItem {
  const { shareKey: _k, ...rest } = b;
  return { ...rest, ...CONTACT_ERASED, ...noteErased(b), residentName: ERASED_NAME, anonymisedAt: at };
}

/** A finished booking past its retention: no contact (the name stays while the account does). */
export function expiredContact(b: BookingItem, at: string): BookingItem {
  const { shareKey: _k, ...rest } = b;
  return { ...rest, ...CONTACT_ERASED, ...noteErased(b), anonymisedAt: at };
}

/**
 * The worker's note on a registered resident, copied onto their bookings, emptied (not left
 * out: the booking's update sets what changed and removes nothing).
 */
const noteErased = (b: BookingItem) => (b.residentNote ? { residentNote: "" } : {});

/** Replace every occurrence of an erased person's names in a stored text. */
export function withoutNames(text: string, names: readonly string[]): string {
  let out = text;
  for (const n of names) if (n && n !== ERASED_NAME) out = out.split(n).join(ERASED_NAME);
  return out;
}
